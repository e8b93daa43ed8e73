import { beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl } from "../support/api";
import { createProjectWithTeam, type TestProject } from "../support/factories";

/**
 * Bad query strings on every route and page that reads one (lists, search,
 * filters, comparison, exports, agreement, history): an API route answers
 * them with a JSON 4xx (or ignores what it does not use), a page with its
 * own 4xx page or a message; nothing answers 500.
 */
const TEXT = "The ministry said 40 villages were retaken on Monday. Critics called it propaganda.";
const BAD_VALUES = [
  "\u0000",
  "a\u0000b",
  "x".repeat(5000),
  "-1",
  "1.5",
  "NaN",
  "1e9",
  "abc",
  "' OR 1=1 --",
  "../../etc/passwd",
  "%",
  "\\",
  "\ud800",
  "[]",
  "",
];

let team: TestProject;
const ids: Record<string, string> = {};

beforeAll(async () => {
  team = await createProjectWithTeam("Bad queries");
  const e = team.editor.token;
  const article = (
    await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: e,
      json: { title: "Target", text: TEXT, sourceName: "Kabul Times" },
    })
  ).body;
  ids.article = article.id;
  ids.annotation = (
    await api("POST", `/api/v1/articles/${ids.article}/annotations`, {
      token: e,
      json: { start: 18, end: 42, exact: "40 villages were retaken", tags: ["statistic"] },
    })
  ).body.id;
  for (const value of Object.values(ids)) expect(value).toEqual(expect.any(String));
});

/** Each route or page that reads a query string, with the parameters it reads. */
function readers(): { path: string; params: string[]; fixed?: Record<string, string> }[] {
  const p = `/api/v1/projects/${team.id}`;
  const page = `/projects/${team.id}`;
  const articleAndCoders = { coders: `${team.editor.id},${team.reviewer.id}` };
  return [
    { path: "/api/v1/projects", params: ["limit", "cursor"] },
    { path: "/api/v1/tokens", params: ["limit", "cursor"] },
    { path: `${p}/articles`, params: ["q", "source", "limit", "cursor"] },
    { path: `${p}/tags`, params: ["limit", "cursor"] },
    { path: `${p}/sources`, params: ["limit", "cursor"] },
    { path: `${p}/members`, params: ["limit", "cursor"] },
    { path: `${p}/invitations`, params: ["limit", "cursor"] },
    { path: "/api/v1/invitations", params: ["limit", "cursor"] },
    { path: "/api/v1/notifications", params: ["unread", "limit", "cursor"] },
    { path: `${p}/events`, params: ["q", "limit", "cursor"] },
    { path: `${p}/audit`, params: ["entity", "action", "actor", "limit", "cursor"] },
    {
      path: `${p}/search`,
      params: ["q", "tag", "source", "status", "author", "limit", "cursor"],
      fixed: { q: "villages" },
    },
    {
      path: `${p}/search`,
      params: ["tag", "source", "status", "author", "limit", "cursor"],
      fixed: { status: "SUBMITTED" },
    },
    {
      path: `${p}/annotations`,
      params: ["status", "article", "author", "tag", "group", "olderThan", "q", "limit", "cursor"],
    },
    { path: `${p}/compare`, params: ["a", "b", "articles"] },
    {
      path: `${p}/export`,
      params: ["format", "articles", "tags", "status", "author", "from", "to", "bom"],
      fixed: { format: "json" },
    },
    { path: `${p}/export`, params: ["articles", "status", "from"], fixed: { format: "claimreview" } },
    { path: `${p}/export/unpublishable`, params: ["articles", "tags", "status", "author", "from", "to"] },
    // The reports' statuses: approved by default, `all`, or those named.
    { path: `${p}/export`, params: ["status"], fixed: { format: "md" } },
    { path: `${p}/agreement`, params: ["coders", "articles"], fixed: articleAndCoders },
    { path: `${p}/assignments`, params: ["state", "article", "assignee", "limit", "cursor"] },
    { path: `${p}/progress`, params: ["format", "limit", "cursor"] },
    { path: "/api/v1/assignments", params: ["state", "limit", "cursor"] },
    {
      path: `/api/v1/articles/${ids.article}/annotations`,
      params: ["status", "author", "tag", "ids", "limit", "cursor"],
    },
    { path: `/api/v1/articles/${ids.article}/links`, params: ["limit", "cursor"] },
    { path: `/api/v1/articles/${ids.article}/tag-ranking`, params: ["start", "end"], fixed: { start: "0", end: "5" } },
    { path: `/api/v1/annotations/${ids.annotation}/comments`, params: ["limit", "cursor"] },
    { path: `/api/v1/annotations/${ids.annotation}/matches`, params: ["limit"] },
    { path: "/projects", params: ["cursor"] },
    { path: page, params: ["q", "source", "cursor"] },
    { path: `${page}/events`, params: ["q", "cursor"] },
    { path: `${page}/sources`, params: ["cursor"] },
    { path: `${page}/history`, params: ["entity", "action", "cursor"] },
    { path: `${page}/search`, params: ["q", "tag", "source", "status", "author", "cursor"], fixed: { q: "villages" } },
    { path: `${page}/search`, params: ["tag", "source", "status", "author", "cursor"], fixed: { status: "SUBMITTED" } },
    { path: `${page}/review`, params: ["article", "author", "tag", "group", "olderThan", "cursor"] },
    { path: `${page}/compare`, params: ["articles"] },
    { path: `${page}/agreement`, params: ["coders", "articles"], fixed: articleAndCoders },
    { path: `${page}/progress`, params: ["cursor"] },
    { path: "/work", params: ["state", "cursor"] },
    { path: `/articles/${ids.article}`, params: ["annotation"] },
    { path: `/articles/${ids.article}/adjudicate`, params: ["coders"] },
  ];
}

describe("bad query strings", () => {
  it("get a 4xx (JSON from the API) or are ignored, never a 500", async () => {
    const requests: string[] = [];
    for (const { path, params, fixed = {} } of readers()) {
      for (const param of params) {
        for (const value of BAD_VALUES) requests.push(`${path}?${new URLSearchParams({ ...fixed, [param]: value })}`);
        requests.push(`${path}?${new URLSearchParams({ ...fixed })}&${param}=a&${param}=b`); // repeated
      }
    }
    console.info(`[bad-queries] ${requests.length} requests`);
    const wrong: string[] = [];
    for (let index = 0; index < requests.length; index += 8) {
      await Promise.all(
        requests.slice(index, index + 8).map(async (url) => {
          const response = await fetch(`${baseUrl()}${url}`, {
            headers: { authorization: `Bearer ${team.editor.token}` },
            redirect: "manual",
          });
          const text = await response.text();
          const type = response.headers.get("content-type") ?? "";
          const fromApi = url.startsWith("/api/");
          let envelope = false;
          try {
            envelope = typeof JSON.parse(text).error?.code === "string";
          } catch {
            envelope = false;
          }
          if (response.status >= 500 || (fromApi && response.status >= 400 && !(type.includes("json") && envelope))) {
            wrong.push(`${url.slice(0, 140)} → ${response.status} ${text.slice(0, 100)}`);
          }
        }),
      );
    }
    expect(wrong).toEqual([]);
    // Over a thousand requests, most of them pages: on a busy two-core machine they take longer than the default
    // minute.
  }, 180_000);
});
