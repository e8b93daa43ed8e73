import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { api } from "../support/api";
import { countRows, createProjectWithTeam, setPublishing, type TestProject } from "../support/factories";

const TEXT =
  "The minister said 40 villages were retaken. Critics called it propaganda. " +
  "Officials expect the road to reopen next week. Aid workers counted 300 families.";
const URL = "https://example.org/codebook-rules";

let team: TestProject;
let articleId: string;
let groups: Record<string, { id: string; choice: string; required: boolean }>;

const span = (quote: string) => {
  const start = TEXT.indexOf(quote);
  return { start, end: start + quote.length, exact: quote };
};
const create = (quote: string, tags: string[], token = team.reviewer.token) =>
  api("POST", `/api/v1/articles/${articleId}/annotations`, { token, json: { ...span(quote), tags } });
const patch = (annotation: { id: string; version: number }, json: unknown, token = team.reviewer.token) =>
  api("PATCH", `/api/v1/annotations/${annotation.id}`, {
    token,
    json,
    headers: { "if-match": `"${annotation.version}"` },
  });
const setRules = (group: string, json: unknown, token = team.editor.token) =>
  api("PATCH", `/api/v1/tag-groups/${groups[group]!.id}`, { token, json });
const stored = (id: string) =>
  db().annotation.findUniqueOrThrow({
    where: { id },
    select: { status: true, version: true, tags: { select: { tag: { select: { name: true } } } } },
  });
const tagNames = (row: Awaited<ReturnType<typeof stored>>) => row.tags.map(({ tag }) => tag.name).sort();

beforeAll(async () => {
  team = await createProjectWithTeam("Codebook rules");
  articleId = (
    await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title: "Villages", text: TEXT, url: URL },
    })
  ).body.id;
  const codebook = await api("GET", `/api/v1/projects/${team.id}/tags?limit=200`, { token: team.viewer.token });
  groups = Object.fromEntries(
    codebook.body.items.map((tag: { group: { name: string; id: string; choice: string; required: boolean } }) => [
      tag.group.name,
      tag.group,
    ]),
  );
});

describe("the default rules", () => {
  it("make claim type one and required, verdict one, frame and rhetoric any number (in every codebook answer)", () => {
    expect(groups["claim type"]).toMatchObject({ choice: "single", required: true });
    expect(groups.verdict).toMatchObject({ choice: "single", required: false });
    expect(groups.frame).toMatchObject({ choice: "multiple", required: false });
    expect(groups.rhetoric).toMatchObject({ choice: "multiple", required: false });
  });
});

describe("a single-choice group", () => {
  it("refuses two of its tags on create (422 naming the group and the tags) and stores nothing", async () => {
    const before = await countRows();
    const response = await create("40 villages were retaken", ["statistic", "accurate", "false"]);
    expect(response.status).toBe(422);
    expect(response.body.error.message).toContain("'verdict'");
    expect(response.body.error.message).toContain("'accurate', 'false'");
    expect(response.body.error.details).toMatchObject({
      rule: "single",
      clashes: [{ group: { name: "verdict" }, tags: ["accurate", "false"] }],
    });
    expect(await countRows()).toEqual(before);
  });

  it("refuses two of its tags on update, even on a draft, and changes nothing", async () => {
    const draft = (await create("Critics called it propaganda", ["opinion"])).body;
    const response = await patch(draft, { tags: ["opinion", "factual claim"] });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toContain("'claim type'");
    expect(response.body.error.message).toContain("'opinion', 'factual claim'");
    expect(await stored(draft.id)).toMatchObject({ version: draft.version });
    expect(tagNames(await stored(draft.id))).toEqual(["opinion"]);
  });
});

describe("a required group", () => {
  it("lets a draft lack it, but not be submitted, submitted in bulk or approved (422 naming the group)", async () => {
    const draft = await create("Aid workers counted 300 families", ["economic"]);
    expect(draft.status).toBe(201);
    const submitted = await patch(draft.body, { status: "SUBMITTED" });
    expect(submitted.status).toBe(422);
    expect(submitted.body.error.message).toContain("'claim type'");
    const bulk = await api("POST", `/api/v1/articles/${articleId}/annotations/submit`, { token: team.reviewer.token });
    expect(bulk.status).toBe(422);
    expect(bulk.body.error.message).toContain("'claim type'");
    const approved = await patch(draft.body, { status: "APPROVED" }, team.editor.token);
    expect(approved.status).toBe(422);
    expect(approved.body.error.message).toContain("'claim type'");
    expect(approved.body.error.details).toMatchObject({ rule: "required", missing: [{ name: "claim type" }] });
    expect(await stored(draft.body.id)).toMatchObject({ status: "DRAFT", version: draft.body.version });

    const fixed = await patch(draft.body, { tags: ["economic", "statistic"], status: "SUBMITTED" });
    expect(fixed.status).toBe(200);
    expect(fixed.body.status).toBe("SUBMITTED");
    expect((await patch(fixed.body, { status: "APPROVED" }, team.editor.token)).status).toBe(200);
  });
});

describe("changing a group's rules", () => {
  it("is for editors only (403), refuses bad values (400/422) and changes nothing then", async () => {
    for (const token of [team.reviewer.token, team.viewer.token])
      expect((await setRules("frame", { choice: "single" }, token)).status).toBe(403);
    for (const json of [{ choice: "one" }, { required: "yes" }, { choice: null }, { required: 1 }]) {
      const response = await setRules("frame", json);
      expect([400, 422]).toContain(response.status);
      expect(response.body.error.message).toMatch(/choice|required/);
    }
    expect(await db().tagGroup.findUniqueOrThrow({ where: { id: groups.frame!.id } })).toMatchObject({
      choice: "multiple",
      required: false,
    });
  });

  it("changes no annotation when it turns a rule on, lists those breaking it, and keeps them from review", async () => {
    expect((await setRules("verdict", { choice: "multiple" })).body).toMatchObject({ choice: "multiple" });
    const twoVerdicts = (await create("Officials expect the road to reopen", ["prediction", "unverified", "false"]))
      .body;
    const response = await setRules("verdict", { choice: "single", required: false });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: "verdict", choice: "single", required: false, breachCount: 1 });
    expect(response.body.breaches).toEqual([
      {
        id: twoVerdicts.id,
        articleId,
        articleTitle: "Villages",
        exact: "Officials expect the road to reopen",
        status: "DRAFT",
        group: { id: groups.verdict!.id, name: "verdict" },
        rule: "single",
        tags: ["unverified", "false"],
        url: `/articles/${articleId}#annotation-${twoVerdicts.id}`,
      },
    ]);
    expect(tagNames(await stored(twoVerdicts.id))).toEqual(["false", "prediction", "unverified"]);

    const submit = await patch(twoVerdicts, { status: "SUBMITTED" });
    expect(submit.status).toBe(422);
    expect(submit.body.error.message).toContain("'unverified', 'false'");
    // A note may still change: only submitting and approving wait for the fix.
    const noted = await patch(twoVerdicts, { note: "check which" });
    expect(noted.status).toBe(200);
    expect((await patch(noted.body, { tags: ["prediction", "false"], status: "SUBMITTED" })).status).toBe(200);

    const required = await setRules("frame", { required: true });
    expect(required.body.breachCount).toBeGreaterThan(0);
    expect(required.body.breaches.every((breach: { rule: string }) => breach.rule === "required")).toBe(true);
    expect((await setRules("frame", { required: false })).body.breachCount).toBe(0);
  });
});

describe("imports", () => {
  it("refuse a file with two tags of a one-tag group, or an approved claim lacking a required group", async () => {
    const target = await createProjectWithTeam("Codebook rules import");
    const file = (await api("GET", `/api/v1/projects/${team.id}/export?format=json`, { token: team.editor.token }))
      .body;
    expect(file.codebook.find((group: { name: string }) => group.name === "claim type")).toMatchObject({
      choice: "single",
      required: true,
    });
    const annotation = {
      articleId: file.articles[0].id,
      ...span("40 villages were retaken"),
      status: "DRAFT",
      createdAt: "2026-01-01T00:00:00Z",
      updatedAt: "2026-01-01T00:00:00Z",
    };
    const before = await countRows();
    for (const [tags, status, group] of [
      [["statistic", "accurate", "false"], "DRAFT", "'verdict'"],
      [["economic"], "APPROVED", "'claim type'"],
    ] as const) {
      const response = await api("POST", `/api/v1/projects/${target.id}/import`, {
        token: target.editor.token,
        json: { ...file, annotations: [{ ...annotation, tags, status }] },
      });
      expect(response.status).toBe(422);
      expect(response.body.error.message).toContain(group);
    }
    expect(await countRows()).toEqual(before);
  });

  it("take a new group's rules from the file", async () => {
    const target = await createProjectWithTeam("Codebook rules import rules");
    const file = (await api("GET", `/api/v1/projects/${team.id}/export?format=json`, { token: team.editor.token }))
      .body;
    const custom = {
      name: "source type",
      kind: "CUSTOM",
      choice: "single",
      required: true,
      description: null,
      tags: [{ name: "official", color: "#123456" }],
    };
    const response = await api("POST", `/api/v1/projects/${target.id}/import`, {
      token: target.editor.token,
      json: { ...file, codebook: [...file.codebook, custom], annotations: [] },
    });
    expect(response.status).toBe(201);
    expect(
      await db().tagGroup.findFirstOrThrow({ where: { projectId: target.id, name: "source type" } }),
    ).toMatchObject({ choice: "single", required: true });
  });

  it("refuse W3C annotations with two tags of a single-choice group", async () => {
    const before = await countRows();
    const response = await api("POST", `/api/v1/projects/${team.id}/import`, {
      token: team.reviewer.token,
      json: {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        type: "Annotation",
        body: [
          { type: "TextualBody", purpose: "tagging", value: "accurate" },
          { type: "TextualBody", purpose: "tagging", value: "misleading" },
        ],
        target: { source: URL, selector: { type: "TextQuoteSelector", exact: "Critics called it propaganda" } },
      },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toContain("'verdict'");
    expect(response.body.error.message).toContain("'accurate', 'misleading'");
    expect(await countRows()).toEqual(before);
  });
});

describe("adjudication", () => {
  it("refuses a merge that gives two tags of a single-choice group, unless it says which to keep", async () => {
    const quote = "Critics called it propaganda.";
    const mine = (await create(quote, ["opinion", "false"])).body;
    const theirs = (await create(quote, ["opinion", "misleading", "doubt"], team.editor.token)).body;
    const settle = (extra: object) =>
      api("POST", `/api/v1/articles/${articleId}/adjudication`, {
        token: team.editor.token,
        json: {
          accept: mine.id,
          versions: { [mine.id]: mine.version, [theirs.id]: theirs.version },
          tags: ["opinion", "false", "misleading", "doubt"],
          ...extra,
        },
      });
    const refused = await settle({});
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain("'verdict'");
    expect(refused.body.error.message).toContain("'false', 'misleading'");
    expect(await stored(mine.id)).toMatchObject({ status: "DRAFT", version: mine.version });
    expect(await stored(theirs.id)).toMatchObject({ status: "DRAFT", version: theirs.version });

    expect((await settle({ keep: ["not a tag"] })).status).toBe(422);
    const merged = await settle({ keep: ["misleading"] });
    expect(merged.status).toBe(200);
    expect(tagNames(await stored(mine.id))).toEqual(["doubt", "misleading", "opinion"]);
    expect(await stored(mine.id)).toMatchObject({ status: "APPROVED" });
  });
});

describe("exports", () => {
  it("take a claim's verdict only when it has exactly one", async () => {
    await setRules("verdict", { choice: "multiple" });
    const quote = "40 villages were retaken";
    const conflicted = (await create(quote, ["statistic", "accurate", "false"], team.editor.token)).body;
    const single = (await create("Aid workers counted", ["statistic", "accurate"], team.editor.token)).body;
    await setRules("verdict", { choice: "single" });
    await db().annotation.updateMany({
      where: { id: { in: [conflicted.id, single.id] } },
      data: { status: "APPROVED" },
    });

    await setPublishing(team.id, team.editor);
    const claimReview = await api("GET", `/api/v1/projects/${team.id}/export?format=claimreview`, {
      token: team.editor.token,
    });
    const reviewed = claimReview.body["@graph"].map((review: { url: string }) => review.url);
    expect(reviewed.some((url: string) => url.endsWith(single.id))).toBe(true);
    expect(reviewed.some((url: string) => url.endsWith(conflicted.id))).toBe(false);

    const markdown = await api("GET", `/api/v1/projects/${team.id}/export?format=md`, {
      token: team.editor.token,
    });
    expect(markdown.body).toContain("verdict · verdict in conflict");
    expect(markdown.body).toMatch(/40 villages were retaken” — statistic, accurate, false, \(verdict in conflict\)/);
  });
});
