import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addMember } from "@/lib/members";
import { api, errorCode } from "../support/api";
import { countRows, createProjectWithTeam, createUser, type TestProject } from "../support/factories";

let team: TestProject;
beforeAll(async () => {
  team = await createProjectWithTeam("Annotations");
});

async function newArticle(text: string, token = team.editor.token) {
  const response = await api("POST", `/api/v1/projects/${team.id}/articles`, {
    token,
    json: { title: "Report", text },
  });
  expect(response.status).toBe(201);
  return response.body as { id: string; text: string; revision: number };
}

/** A span of `text` chosen by its quote, with JavaScript's own offsets. */
function spanOf(text: string, quote: string, occurrence = 0) {
  let start = -1;
  for (let found = 0; found <= occurrence; found++) start = text.indexOf(quote, start + 1);
  if (start < 0) throw new Error(`"${quote}" is not in the text`);
  return { start, end: start + quote.length, exact: quote };
}

async function annotate(articleId: string, json: Record<string, unknown>, token = team.reviewer.token) {
  return api("POST", `/api/v1/articles/${articleId}/annotations`, { token, json });
}

const TEXT =
  "The minister said inflation fell to 3% in July.\nCritics called the figure misleading.\nThe minister repeated it.";

describe("creating annotations", () => {
  it("stores the span and answers the documented shape, with prefix and suffix taken from the text", async () => {
    const article = await newArticle(TEXT);
    const span = spanOf(TEXT, "inflation fell to 3%");
    const response = await annotate(article.id, {
      ...span,
      tags: ["statistic", "Economic"],
      note: "Check against the statistics office.",
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("etag")).toBe('"1"');
    expect(response.headers.get("location")).toBe(`/api/v1/annotations/${response.body.id}`);
    expect(Object.keys(response.body).sort()).toEqual(
      [
        "anchor",
        "articleId",
        "author",
        "commentCount",
        "createdAt",
        "end",
        "exact",
        "id",
        "note",
        "prefix",
        "reviewNote",
        "reviewUrl",
        "revision",
        "start",
        "status",
        "suffix",
        "tags",
        "updatedAt",
        "version",
      ].sort(),
    );
    expect(response.body).toMatchObject({
      articleId: article.id,
      ...span,
      prefix: "The minister said ",
      suffix: " in July.\nCritics called the fig",
      note: "Check against the statistics office.",
      status: "DRAFT",
      version: 1,
      anchor: "exact",
      revision: 1,
      author: { id: team.reviewer.id, name: "reviewer" },
    });
    expect(response.body.suffix).toHaveLength(32);
    expect(response.body.tags.map((tag: { name: string; group: string }) => [tag.group, tag.name])).toEqual([
      ["claim type", "statistic"],
      ["frame", "economic"],
    ]);
    expect(response.body.tags[0].color).toMatch(/^#[0-9a-f]{6}$/i);

    const reloaded = await api("GET", `/api/v1/annotations/${response.body.id}`, { token: team.reviewer.token });
    expect(reloaded.status).toBe(200);
    expect(reloaded.body).toEqual(response.body);
    const audit = await db().auditEntry.findMany({ where: { entityId: response.body.id } });
    expect(audit.map((entry) => entry.action)).toEqual(["annotation.create"]);
  });

  it.each([
    ["an emoji before the span", "💩This is an annotation.", "This is an annotation"],
    ["a ZWJ family before the span", "👨‍👩‍👧‍👦 This is an annotation.", "This is an annotation"],
    ["four emoji before the span", "🤔🤔🤔🤔This is an annotation.", "This is an annotation"],
    ["Persian text", "خبرگزاری آسواکا گزارش داد که نیروهای مقاومت سه ولسوالی را پس گرفتند.", "نیروهای مقاومت"],
    ["a flag inside the span", "Fighters raised the 🇦🇫 flag over the district.", "the 🇦🇫 flag"],
  ])("keeps JavaScript's offsets with %s", async (_name, text, quote) => {
    const article = await newArticle(text);
    const span = spanOf(article.text, quote);
    const created = await annotate(article.id, { ...span, tags: [] });
    expect(created.status).toBe(201);
    const listed = await api("GET", `/api/v1/articles/${article.id}/annotations`, { token: team.reviewer.token });
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject(span);
    expect(article.text.slice(listed.body.items[0].start, listed.body.items[0].end)).toBe(quote);
  });

  it("refuses spans that do not match the text with 422 saying what differed, and stores nothing", async () => {
    const article = await newArticle("💩This is an annotation.");
    const before = await countRows();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ start: 2, end: 6, exact: "That" }, /"This".*"That"/],
      [{ start: 1, end: 6, exact: "\uDCA9This" }, /surrogate/],
      [{ start: 1, end: 2, exact: "x" }, /splits a surrogate pair/],
      [{ start: 2, end: 99, exact: "This" }, /past the end|length/],
      [{ start: 4, end: 4, exact: "" }, /empty|start/],
      [{ start: 6, end: 2, exact: "This" }, /start|end/],
      [{ start: 0, end: 6, exact: "💩This", tags: ["no such tag"] }, /Unknown tags.*: no such tag/],
      [{ start: -1, end: 6, exact: "💩This" }, /start/],
    ];
    for (const [json, message] of cases) {
      const response = await annotate(article.id, { tags: [], ...json });
      expect(response.status, JSON.stringify(json)).toBe(422);
      expect(errorCode(response)).toBe("unprocessable_entity");
      expect(response.body.error.message).toMatch(message);
    }
    expect(await countRows()).toEqual(before);
  });

  it("refuses wrong shapes with 400, including a prefix sent by the client", async () => {
    const article = await newArticle(TEXT);
    const span = spanOf(TEXT, "minister");
    for (const json of [
      { ...span, prefix: "x" },
      { ...span, start: "0" },
      { ...span, start: 1.5 },
      { ...span, tags: "statistic" },
      { ...span, exact: null },
      [span],
    ]) {
      const response = await annotate(article.id, json as Record<string, unknown>);
      expect(response.status, JSON.stringify(json)).toBe(400);
      expect(errorCode(response)).toBe("bad_request");
    }
  });

  it("refuses tags of another project, and archived tags", async () => {
    const other = await createProjectWithTeam("Other desk");
    const foreignTag = await db().tag.findFirstOrThrow({ where: { projectId: other.id, name: "statistic" } });
    const article = await newArticle(TEXT);
    const span = spanOf(TEXT, "minister");
    const foreign = await annotate(article.id, { ...span, tags: [foreignTag.id] });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.details).toEqual({ unknown: [foreignTag.id] });

    const group = await db().tagGroup.findFirstOrThrow({ where: { projectId: team.id } });
    const archived = await db().tag.create({
      data: {
        projectId: team.id,
        groupId: group.id,
        name: `old-${Date.now()}`,
        color: "#888888",
        position: 99,
        archivedAt: new Date(),
      },
    });
    const refused = await annotate(article.id, { ...span, tags: [archived.name] });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/Archived/);
  });
});

describe("who may do what with annotations", () => {
  const callers = ["anonymous", "outsider", "viewer", "reviewer", "editor", "admin"] as const;
  type Caller = (typeof callers)[number];
  const tokenOf = (caller: Caller) => (caller === "anonymous" ? undefined : team[caller].token);

  const expectations: Record<Caller, Record<string, number>> = {
    anonymous: { list: 401, create: 401, get: 401, changeOwn: 401, changeEditors: 401, deleteEditors: 401 },
    outsider: { list: 404, create: 404, get: 404, changeOwn: 404, changeEditors: 404, deleteEditors: 404 },
    viewer: { list: 200, create: 403, get: 200, changeOwn: 403, changeEditors: 403, deleteEditors: 403 },
    // Reviewers code blind: the editor's draft does not exist for them.
    reviewer: { list: 200, create: 201, get: 200, changeOwn: 200, changeEditors: 404, deleteEditors: 404 },
    editor: { list: 200, create: 201, get: 200, changeOwn: 200, changeEditors: 200, deleteEditors: 204 },
    admin: { list: 200, create: 201, get: 200, changeOwn: 200, changeEditors: 200, deleteEditors: 204 },
  };

  it.each(callers)("as %s", async (caller) => {
    const article = await newArticle(TEXT);
    const span = spanOf(TEXT, "Critics");
    const reviewers = (await annotate(article.id, { ...span, tags: ["opinion"] }, team.reviewer.token)).body;
    const editors = (await annotate(article.id, { ...span, tags: ["opinion"] }, team.editor.token)).body;
    const token = tokenOf(caller);
    const current = async (id: string) => ({
      "if-match": `"${(await db().annotation.findUniqueOrThrow({ where: { id } })).version}"`,
    });
    const answers = {
      list: await api("GET", `/api/v1/articles/${article.id}/annotations`, { token }),
      create: await api("POST", `/api/v1/articles/${article.id}/annotations`, { token, json: { ...span, tags: [] } }),
      get: await api("GET", `/api/v1/annotations/${reviewers.id}`, { token }),
      // "own" is the reviewer's annotation: their own for the reviewer, somebody else's for the rest.
      changeOwn: await api("PATCH", `/api/v1/annotations/${reviewers.id}`, {
        token,
        headers: await current(reviewers.id),
        json: { note: "n" },
      }),
      changeEditors: await api("PATCH", `/api/v1/annotations/${editors.id}`, {
        token,
        headers: await current(editors.id),
        json: { note: "n" },
      }),
      deleteEditors: await api("DELETE", `/api/v1/annotations/${editors.id}`, {
        token,
        headers: await current(editors.id),
      }),
    };
    for (const [name, response] of Object.entries(answers)) {
      expect(response.status, name).toBe(expectations[caller][name]);
      if (response.status >= 400) errorCode(response);
    }
  });

  it("lets the author delete their own annotation", async () => {
    const article = await newArticle(TEXT);
    const own = (await annotate(article.id, { ...spanOf(TEXT, "Critics"), tags: [] }, team.reviewer.token)).body;
    expect(
      (
        await api("DELETE", `/api/v1/annotations/${own.id}`, {
          token: team.reviewer.token,
          headers: { "if-match": '"1"' },
        })
      ).status,
    ).toBe(204);
  });

  it(
    "reviewers code blind: they see their own and approved annotations, unless the project lets them see each " +
      "other's",
    async () => {
      const secondReviewer = await createUser({ label: "second-reviewer" });
      await addMember(team.editor.actor, team.id, { email: secondReviewer.email, role: "REVIEWER" });
      const article = await newArticle(TEXT);
      const mine = (await annotate(article.id, { ...spanOf(TEXT, "Critics"), tags: [] }, team.reviewer.token)).body;
      const theirs = (await annotate(article.id, { ...spanOf(TEXT, "minister"), tags: [] }, secondReviewer.token)).body;
      const approved = (await annotate(article.id, { ...spanOf(TEXT, "inflation"), tags: [] }, secondReviewer.token))
        .body;
      await db().annotation.update({ where: { id: approved.id }, data: { status: "APPROVED" } });

      const idsSeenBy = async (token: string) =>
        ((await api("GET", `/api/v1/articles/${article.id}/annotations`, { token })).body.items as { id: string }[])
          .map((item) => item.id)
          .sort();
      expect(await idsSeenBy(team.reviewer.token)).toEqual([mine.id, approved.id].sort());
      expect(await idsSeenBy(team.viewer.token)).toEqual([mine.id, theirs.id, approved.id].sort());
      expect(await idsSeenBy(team.editor.token)).toEqual([mine.id, theirs.id, approved.id].sort());
      expect((await api("GET", `/api/v1/annotations/${theirs.id}`, { token: team.reviewer.token })).status).toBe(404);

      await db().project.update({ where: { id: team.id }, data: { reviewersSeeEachOther: true } });
      try {
        expect(await idsSeenBy(team.reviewer.token)).toEqual([mine.id, theirs.id, approved.id].sort());
        const patch = await api("PATCH", `/api/v1/annotations/${theirs.id}`, {
          token: team.reviewer.token,
          headers: { "if-match": '"1"' },
          json: { note: "mine now" },
        });
        expect(patch.status).toBe(403);
        expect(patch.body.error.message).toMatch(/author or an editor/);
      } finally {
        await db().project.update({ where: { id: team.id }, data: { reviewersSeeEachOther: false } });
      }
    },
  );
});

describe("changing annotations with If-Match", () => {
  async function created() {
    const article = await newArticle(TEXT);
    const annotation = (await annotate(article.id, { ...spanOf(TEXT, "inflation fell to 3%"), tags: ["statistic"] }))
      .body;
    return { article, annotation };
  }

  it("needs If-Match (428), refuses a stale one with 412 naming the current version and who changed it", async () => {
    const { annotation } = await created();
    const url = `/api/v1/annotations/${annotation.id}`;
    const missing = await api("PATCH", url, { token: team.reviewer.token, json: { note: "x" } });
    expect(missing.status).toBe(428);
    expect(errorCode(missing)).toBe("precondition_required");
    const malformed = await api("PATCH", url, {
      token: team.reviewer.token,
      headers: { "if-match": "1" },
      json: { note: "x" },
    });
    expect(malformed.status).toBe(400);

    const first = await api("PATCH", url, {
      token: team.editor.token,
      headers: { "if-match": '"1"' },
      json: { note: "The office says 3.4%." },
    });
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).toBe('"2"');
    expect(first.body).toMatchObject({ version: 2, note: "The office says 3.4%." });

    const before = await countRows();
    const stale = await api("PATCH", url, {
      token: team.reviewer.token,
      headers: { "if-match": '"1"' },
      json: { note: "mine" },
    });
    expect(stale.status).toBe(412);
    expect(errorCode(stale)).toBe("precondition_failed");
    expect(stale.body.error.details).toMatchObject({
      currentVersion: 2,
      updatedBy: { id: team.editor.id, name: "editor" },
    });
    expect(stale.body.error.message).toMatch(/by editor/);
    const staleDelete = await api("DELETE", url, { token: team.reviewer.token, headers: { "if-match": '"1"' } });
    expect(staleDelete.status).toBe(412);
    expect(await countRows()).toEqual(before);
    expect((await api("GET", url, { token: team.reviewer.token })).body.note).toBe("The office says 3.4%.");
  });

  it("changes tags and note, re-attaches a span, records before and after", async () => {
    const { article, annotation } = await created();
    const url = `/api/v1/annotations/${annotation.id}`;
    const span = spanOf(article.text, "Critics called the figure misleading.");
    const response = await api("PATCH", url, {
      token: team.reviewer.token,
      headers: { "if-match": '"1"' },
      json: { ...span, tags: ["opinion", "doubt"], note: null },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      ...span,
      prefix: "The minister said inflation fell to 3% in July.\n".slice(-32),
      suffix: "\nThe minister repeated it.",
      note: null,
      version: 2,
      anchor: "exact",
    });
    expect(response.body.tags.map((tag: { name: string }) => tag.name)).toEqual(["opinion", "doubt"]);
    const audit = await db().auditEntry.findFirstOrThrow({
      where: { entityId: annotation.id, action: "annotation.update" },
    });
    expect(audit.before).toMatchObject({ exact: "inflation fell to 3%", tags: ["statistic"] });
    expect(audit.after).toMatchObject({ exact: span.exact, tags: ["opinion", "doubt"] });

    for (const json of [{ start: 0, end: 3 }, {}, { ...span, exact: "Critics" }]) {
      const refused = await api("PATCH", url, { token: team.reviewer.token, headers: { "if-match": '"2"' }, json });
      expect([400, 422], JSON.stringify(json)).toContain(refused.status);
    }
    expect((await api("GET", url, { token: team.reviewer.token })).body.version).toBe(2);
  });

  it(
    "of 50 concurrent writers with the same If-Match exactly " + "one wins, the version rises by one, one audit entry",
    async () => {
      const { annotation } = await created();
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          api("PATCH", `/api/v1/annotations/${annotation.id}`, {
            token: team.reviewer.token,
            headers: { "if-match": '"1"' },
            json: { note: `writer ${index}` },
          }),
        ),
      );
      expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
      expect(answers.filter((answer) => answer.status === 412)).toHaveLength(49);
      const row = await db().annotation.findUniqueOrThrow({ where: { id: annotation.id } });
      expect(row.version).toBe(2);
      expect(await db().auditEntry.count({ where: { entityId: annotation.id, action: "annotation.update" } })).toBe(1);
    },
  );

  it("deletes softly: gone from the API, kept in the database", async () => {
    const { article, annotation } = await created();
    const url = `/api/v1/annotations/${annotation.id}`;
    expect((await api("DELETE", url, { token: team.reviewer.token })).status).toBe(428);
    expect((await api("DELETE", url, { token: team.reviewer.token, headers: { "if-match": '"1"' } })).status).toBe(204);
    expect((await api("GET", url, { token: team.reviewer.token })).status).toBe(404);
    expect((await api("DELETE", url, { token: team.reviewer.token, headers: { "if-match": '"2"' } })).status).toBe(404);
    expect(
      (await api("GET", `/api/v1/articles/${article.id}/annotations`, { token: team.editor.token })).body.items,
    ).toEqual([]);
    expect((await db().annotation.findUniqueOrThrow({ where: { id: annotation.id } })).deletedAt).not.toBeNull();
  });
});

describe("listing", () => {
  it("lists in text order, filters by status, author and tag, and pages with a cursor", async () => {
    const article = await newArticle(TEXT);
    const quotes = ["The minister repeated it.", "Critics", "The minister said", "inflation fell to 3%", "minister"];
    for (const quote of quotes) {
      const author = quote === "Critics" ? team.editor.token : team.reviewer.token;
      const tags = quote.startsWith("The minister") ? ["quote/attribution"] : ["statistic"];
      expect((await annotate(article.id, { ...spanOf(TEXT, quote), tags }, author)).status).toBe(201);
    }
    const url = `/api/v1/articles/${article.id}/annotations`;
    const all = (await api("GET", url, { token: team.editor.token })).body;
    expect(all.items.map((item: { exact: string }) => item.exact)).toEqual([
      "The minister said",
      "minister",
      "inflation fell to 3%",
      "Critics",
      "The minister repeated it.",
    ]);
    expect(all.nextCursor).toBeNull();

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const page = (await api("GET", `${url}${query}`, { token: team.editor.token })).body;
      pages.push(...page.items.map((item: { exact: string }) => item.exact));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual(all.items.map((item: { exact: string }) => item.exact));

    const byAuthor = (await api("GET", `${url}?author=${team.editor.id}`, { token: team.editor.token })).body.items;
    expect(byAuthor.map((item: { exact: string }) => item.exact)).toEqual(["Critics"]);
    const byTag = (await api("GET", `${url}?tag=quote%2Fattribution`, { token: team.editor.token })).body.items;
    expect(byTag).toHaveLength(2);
    expect((await api("GET", `${url}?status=APPROVED`, { token: team.editor.token })).body.items).toEqual([]);
    expect((await api("GET", `${url}?status=done`, { token: team.editor.token })).status).toBe(422);
    expect((await api("GET", `${url}?cursor=nonsense`, { token: team.editor.token })).status).toBe(400);
    const foreignCursor = Buffer.from(crypto.randomUUID()).toString("base64url");
    expect((await api("GET", `${url}?cursor=${foreignCursor}`, { token: team.editor.token })).status).toBe(400);
    expect((await api("GET", `${url}?limit=5`, { token: team.editor.token })).body.nextCursor).toBeNull();
    expect((await api("GET", `${url}?limit=4`, { token: team.editor.token })).body.nextCursor).toEqual(
      expect.any(String),
    );
  });

  it(
    "lists the annotations named by `ids` (what the reader fetches for the cards it shows), only those the caller " +
      "may " +
      "see",
    async () => {
      const article = await newArticle(TEXT);
      const own = (await annotate(article.id, { ...spanOf(TEXT, "Critics"), note: "whose critics?" })).body
        .id as string;
      const editors = (await annotate(article.id, { ...spanOf(TEXT, "The minister said") }, team.editor.token)).body
        .id as string;
      const third = (await annotate(article.id, { ...spanOf(TEXT, "inflation fell to 3%") })).body.id as string;
      const url = `/api/v1/articles/${article.id}/annotations`;
      const listed = async (ids: string, token = team.editor.token) => {
        const response = await api("GET", `${url}?ids=${encodeURIComponent(ids)}`, { token });
        expect(response.status).toBe(200);
        return response.body.items.map((item: { id: string }) => item.id);
      };
      expect(await listed(`${own},${editors}`)).toEqual([editors, own]);
      expect(await listed(third)).toEqual([third]);
      // Ids of nothing, or of no annotation of this article, match nothing.
      expect(await listed(`nonsense,${crypto.randomUUID()}`)).toEqual([]);
      expect(await listed("")).toEqual([]);
      // A reviewer coding blind (the default) does not get another member's unapproved annotation by naming it.
      expect(await listed(`${own},${editors}`, team.reviewer.token)).toEqual([own]);
      const tooMany = Array.from({ length: 201 }, () => crypto.randomUUID()).join(",");
      expect((await api("GET", `${url}?ids=${tooMany}`, { token: team.editor.token })).status).toBe(422);
    },
  );

  it("answers each listed annotation exactly as the annotation itself is answered", async () => {
    const article = await newArticle(TEXT);
    const note = 'Tab\there, "quotes", back\\slash, \u0001 control, line\nbreak, 😀, ✓ and </script>';
    const created = await annotate(article.id, {
      ...spanOf(TEXT, "inflation fell to 3%"),
      tags: ["Economic", "statistic"],
      note,
    });
    expect(created.status).toBe(201);
    expect((await annotate(article.id, { ...spanOf(TEXT, "Critics"), tags: [] }, team.editor.token)).status).toBe(201);
    await api("PATCH", `/api/v1/annotations/${created.body.id}`, {
      token: team.editor.token,
      headers: { "if-match": '"1"' },
      json: { status: "REJECTED", reviewNote: "Ünïcode reason" },
    });

    const items = (await api("GET", `/api/v1/articles/${article.id}/annotations`, { token: team.editor.token })).body
      .items;
    expect(items).toHaveLength(2);
    for (const item of items)
      expect(item).toEqual((await api("GET", `/api/v1/annotations/${item.id}`, { token: team.editor.token })).body);
    expect(items[0]).toMatchObject({ note, status: "REJECTED", reviewNote: "Ünïcode reason", version: 2 });
    expect(items[0].tags.map((tag: { name: string }) => tag.name)).toEqual(["statistic", "economic"]);
    expect(items[1].tags).toEqual([]);
  });
});

describe("editing the article text", () => {
  it("makes a new revision and re-anchors every annotation: exact, moved, fuzzy, orphaned", async () => {
    const lead = "Resistance forces retook three districts in Baghlan province on Friday, a spokesman said.";
    const body =
      "The Taliban were losing fighters by the hundreds each day, according to local sources who spoke on condition " +
      "of anonymity " +
      "because they were not authorised to talk to the press, and the group's own statements did not mention the " +
      "losses at all.";
    const text = [lead, body, "Residents described heavy fighting near the provincial capital through the night."].join(
      "\n",
    );
    const article = await newArticle(text);
    const create = async (quote: string) =>
      (await annotate(article.id, { ...spanOf(text, quote), tags: ["factual claim"] })).body;
    const untouched = await create("losing fighters by the hundreds each day");
    const fuzzy = await create("Residents described heavy fighting near the provincial capital through the night.");
    const deleted = await create("a spokesman said");
    const moved = await create("Resistance forces retook three districts");

    // The lead moves behind the (much longer) body, so the diff keeps the body in place and not the lead.
    const newText = [
      body,
      "Resistance forces retook three districts in Baghlan province on Friday.",
      "Residents described heavy fighting near the provincial capital throughout the night.",
    ].join("\n");
    const response = await api("PATCH", `/api/v1/articles/${article.id}`, {
      token: team.editor.token,
      json: { text: newText, baseRevision: 1 },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ text: newText, revision: 2, textLength: newText.length });
    expect(response.body.reanchor).toEqual({ exact: 1, moved: 1, fuzzy: 1, orphaned: 1 });

    const afterEdit = async (id: string) =>
      (await api("GET", `/api/v1/annotations/${id}`, { token: team.reviewer.token })).body;
    expect(await afterEdit(untouched.id)).toMatchObject({
      ...spanOf(newText, untouched.exact),
      anchor: "exact",
      revision: 2,
    });
    expect(await afterEdit(moved.id)).toMatchObject({
      ...spanOf(newText, moved.exact),
      anchor: "moved",
      revision: 2,
      version: 2,
    });
    const fuzzyAfter = await afterEdit(fuzzy.id);
    expect(fuzzyAfter).toMatchObject({
      anchor: "fuzzy",
      exact: newText.slice(fuzzyAfter.start, fuzzyAfter.end),
      revision: 2,
    });
    expect(fuzzyAfter.exact).toMatch(/^Residents described .* the night/);
    expect(await afterEdit(deleted.id)).toMatchObject({
      anchor: "orphaned",
      exact: "a spokesman said",
      start: deleted.start,
      end: deleted.end,
      revision: 1,
    });

    const revisions = await db().articleRevision.findMany({
      where: { articleId: article.id },
      orderBy: { number: "asc" },
    });
    expect(revisions.map((revision) => [revision.number, revision.text])).toEqual([
      [1, text],
      [2, newText],
    ]);
    expect(
      await db().auditEntry.count({
        where: { action: "annotation.reanchor", entityId: { in: [moved.id, fuzzy.id, deleted.id, untouched.id] } },
      }),
    ).toBe(4);

    const stale = await api("PATCH", `/api/v1/articles/${article.id}`, {
      token: team.editor.token,
      json: { text: "Another text.", baseRevision: 1 },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.details).toEqual({ currentRevision: 2 });
    expect(
      (await api("PATCH", `/api/v1/articles/${article.id}`, { token: team.reviewer.token, json: { text: "Mine." } }))
        .status,
    ).toBe(403);

    // The orphan can be re-attached to new text; it is then exact at the current revision.
    const reattached = await api("PATCH", `/api/v1/annotations/${deleted.id}`, {
      token: team.reviewer.token,
      headers: { "if-match": `"${(await afterEdit(deleted.id)).version}"` },
      json: spanOf(newText, "on Friday."),
    });
    expect(reattached.status).toBe(200);
    expect(reattached.body).toMatchObject({ anchor: "exact", exact: "on Friday.", revision: 2 });
  });

  it("checks each span against the text as it is now, also after an edit that keeps the text's length", async () => {
    const before = "The mayor said the bridge opens in May. Others said June.";
    const after = "The mayor said the tunnel opens in May. Others said June.";
    const article = await newArticle(before);
    expect((await annotate(article.id, { ...spanOf(before, "the bridge"), tags: [] })).status).toBe(201);
    const edited = await api("PATCH", `/api/v1/articles/${article.id}`, {
      token: team.editor.token,
      json: { text: after },
    });
    expect(edited.status).toBe(200);
    const stale = await annotate(article.id, { ...spanOf(before, "the bridge"), tags: [] });
    expect(stale.status).toBe(422);
    expect((await annotate(article.id, { ...spanOf(after, "the tunnel"), tags: [] })).status).toBe(201);
  });

  it("annotations created while the text is being edited are checked against the text they end up in", async () => {
    const sentences = Array.from({ length: 40 }, (_, index) => `Sentence number ${index} says something 😀 checkable.`);
    let text = sentences.join(" ");
    const article = await newArticle(text);
    const creates = Promise.all(
      sentences.map((sentence) => annotate(article.id, { ...spanOf(text, sentence), tags: [] })),
    );
    for (let edit = 1; edit <= 4; edit++) {
      text = `${text} Added paragraph ${edit}.`;
      expect(
        (await api("PATCH", `/api/v1/articles/${article.id}`, { token: team.editor.token, json: { text } })).status,
      ).toBe(200);
    }
    expect((await creates).map((response) => response.status)).toEqual(sentences.map(() => 201));
    const stored = await db().annotation.findMany({ where: { articleId: article.id } });
    expect(stored).toHaveLength(sentences.length);
    for (const annotation of stored) {
      expect(annotation).toMatchObject({ revision: 5, anchor: "EXACT" });
      expect(text.slice(annotation.start, annotation.end)).toBe(annotation.exact);
    }
  });

  it(
    "finds an orphan again when a later edit brings its " + "quote back, and sending the same text makes no revision",
    async () => {
      const text = "First sentence here. A quote that will vanish. Last sentence here.";
      const article = await newArticle(text);
      const annotation = (await annotate(article.id, { ...spanOf(text, "A quote that will vanish."), tags: [] })).body;
      const url = `/api/v1/articles/${article.id}`;
      const removed = await api("PATCH", url, {
        token: team.editor.token,
        json: { text: "First sentence here. Last sentence here." },
      });
      expect(removed.body.reanchor).toEqual({ exact: 0, moved: 0, fuzzy: 0, orphaned: 1 });
      const restored = await api("PATCH", url, { token: team.editor.token, json: { text } });
      expect(restored.body.reanchor).toEqual({ exact: 0, moved: 1, fuzzy: 0, orphaned: 0 });
      expect(restored.body.revision).toBe(3);
      const same = await api("PATCH", url, { token: team.editor.token, json: { text: text.replace(/\n/g, "\r\n") } });
      expect(same.body).toMatchObject({ revision: 3, reanchor: { exact: 1, moved: 0, fuzzy: 0, orphaned: 0 } });
      expect(
        (await api("GET", `/api/v1/annotations/${annotation.id}`, { token: team.reviewer.token })).body,
      ).toMatchObject({
        ...spanOf(text, "A quote that will vanish."),
        anchor: "exact",
        revision: 3,
      });
    },
  );
});
