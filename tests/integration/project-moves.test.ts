import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { adjudicate } from "@/lib/review/adjudication";
import { signUp, userForSingleSignOn } from "@/lib/users";
import { api } from "../support/api";
import {
  annotateQuote,
  countRows,
  createProjectWithTeam,
  createUser,
  joinProject,
  TEST_PASSWORD,
  type TestProject,
  type TestUser,
} from "../support/factories";

/**
 * Moving a project: its JSON export names who made each record, its import maps
 * them to accounts by email, and W3C annotations go onto a chosen article.
 */
let team: TestProject;
let second: TestUser;
let articleId: string;
const TEXT =
  "The ministry said 40 villages were retaken. Critics called it propaganda. Aid arrived on Monday. Roads stay closed.";

const annotate = (token: string, quote: string, tags: string[]) =>
  annotateQuote(articleId, TEXT, quote, token, { tags });

const exportJson = async (projectId: string, token: string) => {
  const response = await api("GET", `/api/v1/projects/${projectId}/export?format=json`, { token });
  expect(response.status).toBe(200);
  return response.body;
};

const newProject = async (owner: TestUser, name: string) =>
  (await api("POST", "/api/v1/projects", { token: owner.token, json: { name } })).body.id as string;

const importInto = (projectId: string, owner: TestUser, file: unknown, query = "") =>
  api("POST", `/api/v1/projects/${projectId}/import${query}`, { token: owner.token, json: file });

/** The file with one author's email replaced everywhere: as if that person had another address on the new server. */
function withEmail(file: unknown, from: string, to: string): any {
  return JSON.parse(JSON.stringify(file).replaceAll(JSON.stringify(from), JSON.stringify(to)));
}

/** A project export with ids and the export's time left out, records sorted: two projects' exports compare. */
function normalised(data: any) {
  const articleTitle = new Map(data.articles.map((article: any) => [article.id, article.title]));
  const eventTitle = new Map(data.events.map((event: any) => [event.id, event.title]));
  return {
    codebook: data.codebook,
    outlets: data.outlets,
    articles: data.articles.map(({ id: _id, ...article }: any) => article),
    events: data.events.map(({ id: _id, ...event }: any) => event),
    annotations: data.annotations
      .map(({ id: _id, articleId: article, links, ...annotation }: any) => ({
        ...annotation,
        article: articleTitle.get(article),
        links: links.map(({ eventId, ...link }: any) => ({ ...link, event: eventTitle.get(eventId) })),
      }))
      .sort((x: any, y: any) =>
        `${x.article}|${x.start}|${x.author.email}`.localeCompare(`${y.article}|${y.start}|${y.author.email}`),
      ),
  };
}

const agreementOf = async (projectId: string, coders: string[], token: string) => {
  const response = await api("GET", `/api/v1/projects/${projectId}/agreement?coders=${coders.join(",")}`, { token });
  expect(response.status).toBe(200);
  const { coders: _coders, ...figures } = response.body;
  return figures;
};

beforeAll(async () => {
  team = await createProjectWithTeam("Moves");
  second = await createUser({ label: "coder2" });
  await joinProject(team.id, team.editor, second, "reviewer");
  articleId = (
    await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title: "Villages", text: TEXT, sourceName: "Kabul Times" },
    })
  ).body.id;
  // Two coders: one unit they agree on, one whose tags differ (settled in adjudication), one only the first marked.
  await annotate(team.reviewer.token, "40 villages were retaken", ["statistic"]);
  const agreed = await annotate(second.token, "40 villages were retaken", ["statistic"]);
  const mine = await annotate(team.reviewer.token, "Critics called it propaganda", ["opinion"]);
  const theirs = await annotate(second.token, "Critics called it propaganda", ["factual claim"]);
  await annotate(team.reviewer.token, "Aid arrived on Monday", ["factual claim"]);
  const settled = await api("POST", `/api/v1/articles/${articleId}/adjudication`, {
    token: team.editor.token,
    json: { accept: mine.id, versions: { [mine.id]: mine.version, [theirs.id]: theirs.version } },
  });
  expect(settled.status).toBe(200);
  const event = (
    await api("POST", `/api/v1/projects/${team.id}/events`, {
      token: team.editor.token,
      json: { title: "Villages retaken", date: "2021-08-20" },
    })
  ).body;
  const linked = await api("POST", `/api/v1/events/${event.id}/links`, {
    token: team.editor.token,
    json: { annotationId: agreed.id, stance: "ASSERTS", attributedTo: "the ministry" },
  });
  expect(linked.status).toBe(201);
  const commented = await api("POST", `/api/v1/annotations/${agreed.id}/comments`, {
    token: second.token,
    json: { text: "Same figure in the wire copy." },
  });
  expect(commented.status).toBe(201);
});

describe("the project JSON export", () => {
  it("names each author with their email for editors, by name alone for reviewers and viewers", async () => {
    const file = await exportJson(team.id, team.editor.token);
    const agreed = file.annotations.find(
      (annotation: any) => annotation.exact === "40 villages were retaken" && annotation.links.length > 0,
    );
    expect(agreed.author).toEqual({ name: "coder2", email: second.email });
    expect(agreed.links[0].createdBy).toEqual({ name: "editor", email: team.editor.email });
    expect(agreed.comments[0].author).toEqual({ name: "coder2", email: second.email });
    const accepted = file.annotations.find((annotation: any) => annotation.status === "APPROVED");
    expect(accepted.review).toEqual({
      by: { name: "editor", email: team.editor.email },
      note: null,
      at: expect.any(String),
    });
    expect(file.annotations.find((annotation: any) => annotation.status === "REJECTED").review).toMatchObject({
      by: { email: team.editor.email },
      note: "Another version was accepted in adjudication.",
    });

    for (const member of [team.viewer, team.reviewer]) {
      const text = JSON.stringify(await exportJson(team.id, member.token));
      for (const email of [team.editor.email, team.reviewer.email, second.email]) expect(text).not.toContain(email);
      expect(text).toContain('"author":{"name":"reviewer","email":null}');
    }
  });
});

describe("importing a project export", () => {
  it("round-trips: export → import into a fresh project → export gives the same records and authors", async () => {
    const original = await exportJson(team.id, team.editor.token);
    const copy = await newProject(team.editor, "Moves (copy)");
    const response = await importInto(copy, team.editor, original);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      imported: { articles: 1, events: 1, annotations: 5, links: 1, comments: 1 },
      authors: { matched: 3, created: 0, joined: 2 },
    });
    expect(normalised(await exportJson(copy, team.editor.token))).toEqual(normalised(original));
  });

  it("maps authors to accounts by email in any case, and makes inactive accounts for those who have none", async () => {
    const newcomer = `Moved-${randomUUID()}@Elsewhere.Example`;
    const file = withEmail(
      withEmail(await exportJson(team.id, team.editor.token), second.email, newcomer),
      team.reviewer.email,
      team.reviewer.email.toUpperCase(),
    );
    const importer = await createUser({ label: "other-editor" });
    const target = await newProject(importer, "Moves (elsewhere)");
    const response = await importInto(target, importer, file);
    expect(response.status).toBe(201);
    expect(response.body.authors).toEqual({ matched: 2, created: 1, joined: 3 });

    const placeholder = await db().user.findUniqueOrThrow({ where: { email: newcomer.toLowerCase() } });
    expect(placeholder).toMatchObject({ name: "coder2", placeholder: true, passwordHash: null });
    const roles = await db().membership.findMany({
      where: { projectId: target },
      select: { userId: true, role: true },
    });
    expect(Object.fromEntries(roles.map(({ userId, role }) => [userId, role]))).toEqual({
      [importer.id]: "EDITOR",
      [team.editor.id]: "EDITOR",
      [team.reviewer.id]: "REVIEWER",
      [placeholder.id]: "REVIEWER",
    });
    const members = (await api("GET", `/api/v1/projects/${target}/members`, { token: importer.token })).body.items;
    expect(members.filter((member: { inactive?: boolean }) => member.inactive)).toEqual([
      { userId: placeholder.id, email: newcomer.toLowerCase(), name: "coder2", role: "REVIEWER", inactive: true },
    ]);
    const authors = await db().annotation.groupBy({
      by: ["authorId"],
      where: { projectId: target },
      _count: { _all: true },
    });
    expect(Object.fromEntries(authors.map((row) => [row.authorId, row._count._all]))).toEqual({
      [team.reviewer.id]: 3,
      [placeholder.id]: 2,
    });
    expect(await db().comment.findFirst({ where: { annotation: { projectId: target } } })).toMatchObject({
      authorId: placeholder.id,
    });
    expect(await db().claimLink.findFirst({ where: { annotation: { projectId: target } } })).toMatchObject({
      createdById: team.editor.id,
    });

    // Agreement over the moved coders is the original's; the adjudication's decisions stay the editor's.
    expect(await agreementOf(target, [team.reviewer.id, placeholder.id], importer.token)).toEqual(
      await agreementOf(team.id, [team.reviewer.id, second.id], team.editor.token),
    );
    const decided = await db().annotation.findMany({
      where: { projectId: target, status: { in: ["APPROVED", "REJECTED"] } },
      select: { status: true, authorId: true, reviewedById: true, reviewNote: true },
      orderBy: { status: "asc" },
    });
    expect(decided).toEqual([
      { status: "APPROVED", authorId: team.reviewer.id, reviewedById: team.editor.id, reviewNote: null },
      {
        status: "REJECTED",
        authorId: placeholder.id,
        reviewedById: team.editor.id,
        reviewNote: "Another version was accepted in adjudication.",
      },
    ]);
    const adjudication = await adjudicate(importer.actor, await firstArticle(target));
    expect(adjudication.coders.map((coder: { id: string }) => coder.id).sort()).toEqual(
      [team.reviewer.id, placeholder.id].sort(),
    );
  });

  it("an inactive account signs in by neither password nor single sign-on until invited, then is claimed", async () => {
    const newcomer = `claim-${randomUUID()}@elsewhere.example`;
    const sso = `sso-${randomUUID()}@elsewhere.example`;
    const file = withEmail(
      withEmail(await exportJson(team.id, team.editor.token), second.email, newcomer),
      team.reviewer.email,
      sso,
    );
    const target = await newProject(team.editor, "Moves (claims)");
    expect((await importInto(target, team.editor, file)).body.authors.created).toBe(2);
    const placeholder = await db().user.findUniqueOrThrow({ where: { email: newcomer } });

    for (const password of ["", TEST_PASSWORD, "anything at all"]) {
      const token = await api("POST", "/api/v1/tokens", { json: { email: newcomer, password } });
      expect([401, 422]).toContain(token.status);
    }
    expect(await userForSingleSignOn({ email: sso, email_verified: true })).toBeNull();
    await expect(
      signUp({ email: newcomer, name: "Someone", password: TEST_PASSWORD }, { ignoreSignupSwitch: true }),
    ).rejects.toMatchObject({ code: "conflict" });

    // Invited (members already, as placeholders), they claim their accounts: by sign-up, or by single sign-on.
    for (const email of [newcomer, sso]) {
      const invited = await api("POST", `/api/v1/projects/${target}/invitations`, {
        token: team.editor.token,
        json: { email, role: "REVIEWER" },
      });
      expect(invited.status).toBe(201);
    }
    const claimed = await signUp(
      { email: newcomer, name: "Second coder", password: TEST_PASSWORD },
      { ignoreSignupSwitch: true },
    );
    expect(claimed.id).toBe(placeholder.id);
    const token = await api("POST", "/api/v1/tokens", { json: { email: newcomer, password: TEST_PASSWORD } });
    expect(token.status).toBe(201);
    const mine = await api("GET", `/api/v1/projects/${target}/annotations?author=${placeholder.id}`, {
      token: token.body.token,
    });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(2);
    const ssoUser = await db().user.findUniqueOrThrow({ where: { email: sso } });
    expect(await userForSingleSignOn({ email: sso, email_verified: true })).toEqual({
      id: ssoUser.id,
      sessionVersion: 0,
    });
    expect(await db().user.count({ where: { email: { in: [newcomer, sso] }, placeholder: true } })).toBe(0);
  });
});

describe("a project file's authors", () => {
  it("are at most 1,000 by email: a file naming more is refused (422) and makes no account", async () => {
    const file = await exportJson(team.id, team.editor.token);
    const [annotation] = file.annotations;
    file.annotations = Array.from({ length: 1_001 }, (_, index) => ({
      ...annotation,
      links: [],
      comments: [],
      review: null,
      author: { name: `Author ${index}`, email: `author-${index}-${randomUUID()}@many.example` },
    }));
    const target = await newProject(team.editor, "Moves (too many)");
    const before = await countRows();
    const response = await importInto(target, team.editor, file);
    expect(response.status).toBe(422);
    expect(response.body.error.details).toMatchObject({ maxAuthors: 1_000 });
    expect(await countRows()).toEqual(before);
  });
});

async function firstArticle(projectId: string): Promise<string> {
  return (await db().article.findFirstOrThrow({ where: { projectId }, select: { id: true } })).id;
}

describe("importing W3C Web Annotations onto a chosen article", () => {
  it("places annotations of another project on the article ?article= names; a bad one is a 4xx", async () => {
    const w3c = (await api("GET", `/api/v1/projects/${team.id}/export?format=jsonld`, { token: team.editor.token }))
      .body;
    const count = w3c.first.items.length;
    expect(count).toBe(5);
    const target = await newProject(team.editor, "Moves (W3C)");
    const copied = (
      await api("POST", `/api/v1/projects/${target}/articles`, {
        token: team.editor.token,
        json: { title: "Villages, again", text: `Updated. ${TEXT}` },
      })
    ).body.id;

    // The article has another id here and no URL: nothing matches its target source.
    const before = await countRows();
    const unmatched = await importInto(target, team.editor, w3c);
    expect(unmatched.status).toBe(422);
    const elsewhere = await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title: "Another", text: TEXT },
    });
    const afterSetup = await countRows();
    for (const [query, status] of [
      [`?article=${elsewhere.body.id}`, 404],
      [`?article=${randomUUID()}`, 404],
      ["?article=abc", 422],
      ["?article=", 422],
    ] as const) {
      const refused = await importInto(target, team.editor, w3c, query);
      expect(refused.status, query).toBe(status);
      expect(refused.body.error.code).toEqual(expect.any(String));
    }
    const notW3c = await importInto(
      target,
      team.editor,
      { articles: [{ title: "x", text: "y" }] },
      `?article=${copied}`,
    );
    expect(notW3c.status).toBe(422);
    expect(await countRows()).toEqual(afterSetup);
    expect(afterSetup.articles).toBe((before.articles ?? 0) + 1);

    const placed = await importInto(target, team.editor, w3c, `?article=${copied}`);
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ kind: "web-annotation", rejected: 0 });
    expect(placed.body.imported + placed.body.reanchored).toBe(count);
    const stored = await db().annotation.findMany({
      where: { articleId: copied },
      select: { start: true, exact: true },
    });
    expect(stored).toHaveLength(count);
    for (const annotation of stored)
      expect(`Updated. ${TEXT}`.slice(annotation.start, annotation.start + annotation.exact.length)).toBe(
        annotation.exact,
      );
  });
});
