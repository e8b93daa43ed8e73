import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { api, errorCode } from "../support/api";
import { countRows, createProjectWithTeam, type TestProject } from "../support/factories";

const seedText = (file: string) => readFileSync(new URL(`../../prisma/seed/articles/${file}`, import.meta.url), "utf8");

let team: TestProject;
beforeAll(async () => {
  team = await createProjectWithTeam("Articles");
});

async function importAs(token: string, json: unknown) {
  return api("POST", `/api/v1/projects/${team.id}/articles`, { token, json });
}

async function newArticle(overrides: Record<string, unknown> = {}) {
  const response = await importAs(team.editor.token, { title: "An article", text: "Some text.", ...overrides });
  expect(response.status).toBe(201);
  return response.body as { id: string; text: string; [key: string]: unknown };
}

describe("who may do what with articles", () => {
  const callers = ["anonymous", "outsider", "viewer", "reviewer", "editor", "admin"] as const;
  type Caller = (typeof callers)[number];
  const tokenOf = (caller: Caller) => (caller === "anonymous" ? undefined : team[caller].token);

  const matrix: {
    name: string;
    expected: Record<Caller, number>;
    call: (token: string | undefined, articleId: string) => ReturnType<typeof api>;
  }[] = [
    {
      name: "GET /projects/:id/articles",
      expected: { anonymous: 401, outsider: 404, viewer: 200, reviewer: 200, editor: 200, admin: 200 },
      call: (token) => api("GET", `/api/v1/projects/${team.id}/articles`, { token }),
    },
    {
      name: "POST /projects/:id/articles",
      expected: { anonymous: 401, outsider: 404, viewer: 403, reviewer: 403, editor: 201, admin: 201 },
      call: (token) => api("POST", `/api/v1/projects/${team.id}/articles`, { token, json: { title: "T", text: "x" } }),
    },
    {
      name: "GET /articles/:id",
      expected: { anonymous: 401, outsider: 404, viewer: 200, reviewer: 200, editor: 200, admin: 200 },
      call: (token, articleId) => api("GET", `/api/v1/articles/${articleId}`, { token }),
    },
    {
      name: "PATCH /articles/:id",
      expected: { anonymous: 401, outsider: 404, viewer: 403, reviewer: 403, editor: 200, admin: 200 },
      call: (token, articleId) =>
        api("PATCH", `/api/v1/articles/${articleId}`, { token, json: { author: "A. Writer" } }),
    },
    {
      name: "DELETE /articles/:id",
      expected: { anonymous: 401, outsider: 404, viewer: 403, reviewer: 403, editor: 204, admin: 204 },
      call: (token, articleId) => api("DELETE", `/api/v1/articles/${articleId}`, { token }),
    },
  ];

  for (const route of matrix) {
    for (const caller of callers) {
      it(`${route.name} as ${caller} → ${route.expected[caller]}`, async () => {
        const article = await newArticle();
        const before = await db().article.findUniqueOrThrow({ where: { id: article.id } });
        const response = await route.call(tokenOf(caller), article.id);
        expect(response.status).toBe(route.expected[caller]);
        if (response.status >= 400) {
          expect(errorCode(response)).toBe(
            { 401: "unauthorized", 403: "forbidden", 404: "not_found" }[response.status],
          );
          // A refused request changes nothing.
          expect(await db().article.findUniqueOrThrow({ where: { id: article.id } })).toEqual(before);
        }
      });
    }
  }

  it("a member of one project never sees another project's articles", async () => {
    const other = await createProjectWithTeam("Other desk");
    const secret = await api("POST", `/api/v1/projects/${other.id}/articles`, {
      token: other.editor.token,
      json: { title: "Unpublished scoop", text: "Embargoed." },
    });
    expect(secret.status).toBe(201);
    const list = await api("GET", `/api/v1/projects/${team.id}/articles?limit=200`, { token: team.editor.token });
    expect(JSON.stringify(list.body)).not.toContain("Unpublished scoop");
    expect((await api("GET", `/api/v1/articles/${secret.body.id}`, { token: team.editor.token })).status).toBe(404);
    expect((await api("GET", `/api/v1/projects/${other.id}/articles`, { token: team.editor.token })).status).toBe(404);
  });
});

describe("importing", () => {
  it("answers 201 with the created article, its id at the top level", async () => {
    const response = await importAs(team.editor.token, {
      title: "  Resistance retakes districts ",
      text: "Line one.\nLine two.",
      sourceName: "Asvaka News Agency",
      url: "https://example.org/story",
      author: "Reporter",
      publishedAt: "2021-08-20",
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.any(String),
      projectId: team.id,
      title: "Resistance retakes districts",
      text: "Line one.\nLine two.",
      textLength: 19,
      source: { id: expect.any(String), name: "Asvaka News Agency" },
      url: "https://example.org/story",
      author: "Reporter",
      publishedAt: "2021-08-20",
      revision: 1,
      annotationCount: 0,
    });
    const revisions = await db().articleRevision.findMany({ where: { articleId: response.body.id } });
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ number: 1, text: "Line one.\nLine two." });
  });

  it("reuses a source of the same name in the project", async () => {
    const first = await newArticle({ sourceName: "Newsweek" });
    const second = await newArticle({ sourceName: "Newsweek" });
    expect(second.source).toEqual(first.source);
  });

  it("canonicalises the text: CRLF and lone CR become LF, Unicode becomes NFC, nothing else changes", async () => {
    const decomposed = "Cafe\u0301 A\u030A";
    const raw = `  Title line\r\n\r\n${decomposed}\rtabs\there  \n<b>not bold</b> 🤔👨‍👩‍👧 آسواکا`;
    const article = await newArticle({ text: raw });
    const expected = `  Title line\n\nCaf\u00e9 \u00c5\ntabs\there  \n<b>not bold</b> 🤔👨‍👩‍👧 آسواکا`;
    expect(article.text).toBe(expected);
    expect(article.textLength).toBe(expected.length);
    const fetched = await api("GET", `/api/v1/articles/${article.id}`, { token: team.viewer.token });
    expect(fetched.body.text).toBe(expected);
  });

  it("stores the seed articles byte for byte (they are canonical already)", async () => {
    for (const file of ["000_b5622c5356c6c267.txt", "001_2efd4ead4b9c702b.txt"]) {
      const text = seedText(file);
      const article = await newArticle({ text });
      const stored = await db().article.findUniqueOrThrow({ where: { id: article.id } });
      expect(
        Buffer.from(stored.text, "utf8").equals(
          readFileSync(new URL(`../../prisma/seed/articles/${file}`, import.meta.url)),
        ),
      ).toBe(true);
      expect(stored.textLength).toBe(text.length);
    }
  });

  it("pages the list with limit and cursor", async () => {
    const pageTeam = await createProjectWithTeam("Paging");
    for (const title of ["One", "Two", "Three"]) {
      await api("POST", `/api/v1/projects/${pageTeam.id}/articles`, {
        token: pageTeam.editor.token,
        json: { title, text: title },
      });
    }
    const first = await api("GET", `/api/v1/projects/${pageTeam.id}/articles?limit=2`, {
      token: pageTeam.viewer.token,
    });
    expect(first.status).toBe(200);
    expect(first.body.items.map((item: { title: string }) => item.title)).toEqual(["One", "Two"]);
    expect(first.body.items[0]).not.toHaveProperty("text");
    expect(typeof first.body.nextCursor).toBe("string");
    const second = await api(
      "GET",
      `/api/v1/projects/${pageTeam.id}/articles?limit=2&cursor=${first.body.nextCursor}`,
      {
        token: pageTeam.viewer.token,
      },
    );
    expect(second.body).toEqual({ items: [expect.objectContaining({ title: "Three" })], nextCursor: null });
    const badCursor = await api("GET", `/api/v1/projects/${pageTeam.id}/articles?cursor=garbage`, {
      token: pageTeam.viewer.token,
    });
    expect(badCursor.status).toBe(400);
    const badLimit = await api("GET", `/api/v1/projects/${pageTeam.id}/articles?limit=0`, {
      token: pageTeam.viewer.token,
    });
    expect(badLimit.status).toBe(422);
  });
});

describe("bad input gets a clear 4xx and changes nothing", () => {
  const oneMillionAndOne = "a".repeat(1_000_001);
  const cases: { name: string; status: number; code: string; send: () => ReturnType<typeof api> }[] = [
    {
      name: "malformed JSON",
      status: 400,
      code: "bad_request",
      send: () =>
        api("POST", path(), { token: editor(), raw: '{"title": "x", "text": ', contentType: "application/json" }),
    },
    {
      name: "an empty body",
      status: 400,
      code: "bad_request",
      send: () => api("POST", path(), { token: editor(), raw: "", contentType: "application/json" }),
    },
    { name: "an array of non-articles", status: 400, code: "bad_request", send: () => importAs(editor(), [42, "x"]) },
    {
      name: "text of the wrong type",
      status: 400,
      code: "bad_request",
      send: () => importAs(editor(), { title: "x", text: 42 }),
    },
    {
      name: "title of the wrong type",
      status: 400,
      code: "bad_request",
      send: () => importAs(editor(), { title: ["x"], text: "y" }),
    },
    {
      name: "an unknown field",
      status: 400,
      code: "bad_request",
      send: () => importAs(editor(), { title: "x", text: "y", sorceName: "typo" }),
    },
    {
      name: "invalid UTF-8",
      status: 400,
      code: "bad_request",
      send: () =>
        api("POST", path(), {
          token: editor(),
          raw: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
          contentType: "application/json",
        }),
    },
    {
      name: "empty text",
      status: 422,
      code: "unprocessable_entity",
      send: () => importAs(editor(), { title: "x", text: "" }),
    },
    {
      name: "whitespace-only text",
      status: 422,
      code: "unprocessable_entity",
      send: () => importAs(editor(), { title: "x", text: " \r\n\t " }),
    },
    {
      name: "a missing title",
      status: 422,
      code: "unprocessable_entity",
      send: () => importAs(editor(), { text: "y" }),
    },
    {
      name: "an empty title",
      status: 422,
      code: "unprocessable_entity",
      send: () => importAs(editor(), { title: "   ", text: "y" }),
    },
    {
      name: "text over 1,000,000 characters",
      status: 422,
      code: "unprocessable_entity",
      send: () => importAs(editor(), { title: "x", text: oneMillionAndOne }),
    },
    {
      name: "a lone surrogate",
      status: 422,
      code: "unprocessable_entity",
      send: () =>
        api("POST", path(), {
          token: editor(),
          raw: '{"title":"x","text":"a\\ud800b"}',
          contentType: "application/json",
        }),
    },
    {
      name: "a NUL character",
      status: 422,
      code: "unprocessable_entity",
      send: () => importAs(editor(), { title: "x", text: "a\u0000b" }),
    },
    {
      name: "a javascript: URL",
      status: 422,
      code: "unprocessable_entity",
      send: () => importAs(editor(), { title: "x", text: "y", url: "javascript:alert(1)" }),
    },
    {
      name: "an impossible date",
      status: 422,
      code: "unprocessable_entity",
      send: () => importAs(editor(), { title: "x", text: "y", publishedAt: "2021-02-30" }),
    },
    {
      name: "a body over 5 MB",
      status: 413,
      code: "payload_too_large",
      send: () => importAs(editor(), { title: "x", text: "b".repeat(5 * 1024 * 1024 + 10) }),
    },
    {
      name: "a form body",
      status: 415,
      code: "unsupported_media_type",
      send: () =>
        api("POST", path(), {
          token: editor(),
          raw: "title=x&text=y",
          contentType: "application/x-www-form-urlencoded",
        }),
    },
    {
      name: "no content type",
      status: 415,
      code: "unsupported_media_type",
      send: () => api("POST", path(), { token: editor(), raw: '{"title":"x","text":"y"}' }),
    },
    {
      name: "a bearer token that does not exist",
      status: 401,
      code: "unauthorized",
      send: () => importAs("plx_not-a-real-token", { title: "x", text: "y" }),
    },
    {
      name: "a project id that is not a UUID",
      status: 404,
      code: "not_found",
      send: () =>
        api("POST", "/api/v1/projects/not-a-uuid/articles", { token: editor(), json: { title: "x", text: "y" } }),
    },
  ];
  function path() {
    return `/api/v1/projects/${team.id}/articles`;
  }
  function editor() {
    return team.editor.token;
  }

  for (const testCase of cases) {
    it(`${testCase.name} → ${testCase.status}`, async () => {
      const before = await countRows();
      const response = await testCase.send();
      expect(response.status).toBe(testCase.status);
      expect(errorCode(response)).toBe(testCase.code);
      expect(JSON.stringify(response.body)).not.toMatch(/at .+\.(js|ts):\d+/); // no stack trace
      expect(await countRows()).toEqual(before);
    });
  }

  it("the project page lists its articles 200 at a time, with links on and back", async () => {
    const pageTeam = await createProjectWithTeam("Long desk");
    const titles = Array.from({ length: 201 }, (_, index) => `Report ${String(index + 1).padStart(3, "0")}`);
    for (const batch of [titles.slice(0, 200), titles.slice(200)]) {
      expect(
        (
          await api("POST", `/api/v1/projects/${pageTeam.id}/articles`, {
            token: pageTeam.editor.token,
            json: batch.map((title) => ({ title, text: title })),
          })
        ).status,
      ).toBe(201);
    }
    const page = async (query = "") =>
      (await api("GET", `/projects/${pageTeam.id}${query}`, { token: pageTeam.viewer.token })).body as string;
    const first = await page();
    expect(first).toContain("Report 200");
    expect(first).not.toContain("Report 201");
    expect(first).not.toContain("First page");
    const next = /href="([^"]*\?cursor=[^"]+)"[^>]*>More articles →/.exec(first)?.[1]?.replaceAll("&amp;", "&");
    expect(next).toMatch(new RegExp(`^/projects/${pageTeam.id}\\?cursor=`));
    const second = (await api("GET", next!, { token: pageTeam.viewer.token })).body as string;
    expect(second).toContain("Report 201");
    expect(second).not.toContain("Report 200<");
    expect(second).toContain("← First page");
    expect(second).not.toContain("More articles");
    // A cursor no list gave out: the page says so instead of failing.
    const bad = await api("GET", `/projects/${pageTeam.id}?cursor=garbage`, { token: pageTeam.viewer.token });
    expect(bad.status).toBe(200);
    expect(bad.body).toContain("Invalid cursor");
  });

  it("says which field is wrong", async () => {
    const response = await importAs(team.editor.token, { title: "x", text: "" });
    expect(response.body.error.details.issues).toEqual([{ path: "text", message: "must not be empty" }]);
  });

  it("PATCH with bad values changes nothing either", async () => {
    const article = await newArticle();
    const before = await countRows();
    for (const json of [
      { title: "" },
      { publishedAt: "yesterday" },
      { url: "ftp://x" },
      { text: "" },
      { text: 5 },
      { baseRevision: 0 },
      { title: 5 },
    ]) {
      const response = await api("PATCH", `/api/v1/articles/${article.id}`, { token: team.editor.token, json });
      expect([400, 422]).toContain(response.status);
    }
    expect(await countRows()).toEqual(before);
    expect((await api("GET", `/api/v1/articles/${article.id}`, { token: team.editor.token })).body.title).toBe(
      "An article",
    );
  });
});

describe("editing and deleting", () => {
  it("edits metadata, records before and after in the audit log", async () => {
    const article = await newArticle({ sourceName: "Unknown outlet" });
    const response = await api("PATCH", `/api/v1/articles/${article.id}`, {
      token: team.editor.token,
      json: { sourceName: "Khaama Press", publishedAt: "2021-08-21", author: "Staff", url: "https://example.org/a" },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      source: { name: "Khaama Press" },
      publishedAt: "2021-08-21",
      author: "Staff",
      url: "https://example.org/a",
      title: "An article",
      text: "Some text.",
    });
    const audit = await db().auditEntry.findFirstOrThrow({
      where: { entityId: article.id, action: "article.update" },
      orderBy: { id: "desc" },
    });
    expect(audit.actorId).toBe(team.editor.id);
    expect(audit.before).toMatchObject({ source: { name: "Unknown outlet" }, publishedAt: null });
    expect(audit.after).toMatchObject({ source: { name: "Khaama Press" }, publishedAt: "2021-08-21" });

    const cleared = await api("PATCH", `/api/v1/articles/${article.id}`, {
      token: team.editor.token,
      json: { publishedAt: null, author: "", sourceName: null },
    });
    expect(cleared.body).toMatchObject({ publishedAt: null, author: null, source: null });
  });

  it("deletes softly: the article disappears, the row and an audit entry stay", async () => {
    const article = await newArticle();
    expect((await api("DELETE", `/api/v1/articles/${article.id}`, { token: team.editor.token })).status).toBe(204);
    expect((await api("GET", `/api/v1/articles/${article.id}`, { token: team.editor.token })).status).toBe(404);
    expect((await api("DELETE", `/api/v1/articles/${article.id}`, { token: team.editor.token })).status).toBe(404);
    const row = await db().article.findUniqueOrThrow({ where: { id: article.id } });
    expect(row.deletedAt).not.toBeNull();
    expect(await db().auditEntry.count({ where: { entityId: article.id, action: "article.delete" } })).toBe(1);
  });

  it("every write leaves one audit entry in its project", async () => {
    const before = await db().auditEntry.count({ where: { projectId: team.id } });
    const article = await newArticle({ sourceName: `Outlet ${Date.now()}` }); // article.create + source.create
    await api("PATCH", `/api/v1/articles/${article.id}`, { token: team.editor.token, json: { title: "Renamed" } });
    await api("DELETE", `/api/v1/articles/${article.id}`, { token: team.editor.token });
    expect(await db().auditEntry.count({ where: { projectId: team.id } })).toBe(before + 4);
  });
});

describe("finding articles in the list", () => {
  it("filters by words of the title or author and by outlet, in any case, literally, page by page", async () => {
    const desk = await createProjectWithTeam("Article filters");
    const token = desk.editor.token;
    const add = async (json: Record<string, unknown>) => {
      const response = await api("POST", `/api/v1/projects/${desk.id}/articles`, {
        token,
        json: { text: "Some text.", ...json },
      });
      expect(response.status).toBe(201);
      return (response.body as { id: string }).id;
    };
    const dam = await add({ title: "Kajaki dam repaired", sourceName: "Reuters" });
    const damTass = await add({ title: "The dam still leaks", sourceName: "TASS", author: "I. Petrov" });
    const percent = await add({ title: "Turnout 100% in Kabul", sourceName: "Reuters" });
    const underscore = await add({ title: "dam_2 data", sourceName: "Reuter_" });
    await add({ title: "Elections", author: "Damon Hill" });
    const list = async (query: Record<string, string>) => {
      const response = await api("GET", `/api/v1/projects/${desk.id}/articles?${new URLSearchParams(query)}`, {
        token,
      });
      expect(response.status).toBe(200);
      return response.body as { items: { id: string }[]; nextCursor: string | null };
    };

    expect((await list({ q: "DAM" })).items.map((item) => item.id)).toEqual([
      dam,
      damTass,
      underscore,
      expect.any(String),
    ]);
    expect((await list({ q: "petrov" })).items.map((item) => item.id)).toEqual([damTass]);
    expect((await list({ source: "reuters" })).items.map((item) => item.id)).toEqual([dam, percent]);
    expect((await list({ q: "dam", source: "Reuters" })).items.map((item) => item.id)).toEqual([dam]);
    // % and _ are characters, not wildcards.
    expect((await list({ q: "100%" })).items.map((item) => item.id)).toEqual([percent]);
    expect((await list({ q: "%" })).items.map((item) => item.id)).toEqual([percent]);
    expect((await list({ q: "m_2" })).items.map((item) => item.id)).toEqual([underscore]);
    expect((await list({ source: "Reuter_" })).items.map((item) => item.id)).toEqual([underscore]);
    expect((await list({ source: "No such outlet" })).items).toEqual([]);
    // Paging keeps the filter.
    const first = await list({ q: "dam", limit: "2" });
    expect(first.items.map((item) => item.id)).toEqual([dam, damTass]);
    const second = await list({ q: "dam", limit: "2", cursor: first.nextCursor! });
    expect(second.items.map((item) => item.id)).toEqual([underscore, expect.any(String)]);
    expect(second.nextCursor).toBeNull();
    // Another project's articles never match.
    expect((await api("GET", `/api/v1/projects/${team.id}/articles?q=dam`, { token })).status).toBe(404);
  });
});
