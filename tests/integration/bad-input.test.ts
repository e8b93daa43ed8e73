import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { baseUrl } from "../support/api";
import { api } from "../support/api";
import { countRows, createProjectWithTeam, TEST_PASSWORD, type TestProject } from "../support/factories";
import { pageServerOrigin } from "../support/page-server";

/**
 * A corpus of bad requests against every write route: each must get a JSON
 * 4xx with the error envelope, never a 500, and the whole corpus must leave
 * the database as it found it (row counts of every table and the audit
 * entries compared before and after).
 */
interface BadRequest {
  label: string;
  method: string;
  path: string;
  /** A raw body (sent as is) or a value sent as JSON. */
  raw?: string | Uint8Array;
  json?: unknown;
  contentType?: string | null;
  headers?: Record<string, string>;
}

interface WriteRoute {
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  /** A body the route would accept (mutated into bad ones); none for routes that read no body. */
  valid?: Record<string, unknown>;
  /** Kinds of the body's fields, for the type mutations. */
  fields?: Record<
    string,
    | "label"
    | "body"
    | "text"
    | "date"
    | "offset"
    | "id"
    | "enum"
    | "boolean"
    | "integer"
    | "array"
    | "email"
    | "versions"
    | "url"
    | "reviewUrl"
    | "publisher"
  >;
  /** The route also takes an array of bodies (bulk). */
  bulk?: boolean;
  headers?: Record<string, string>;
  /** Path ids to replace with bad ones. */
  ids?: string[];
}

const TEXT = "The ministry said 40 villages were retaken on Monday. Critics called it propaganda.";
const SQL_AND_PATHS = [
  "' OR 1=1 --",
  "1; DROP TABLE annotations",
  "../../etc/passwd",
  "%2e%2e%2f",
  "%00",
  "x".repeat(5000),
];

let team: TestProject;
let other: TestProject;
const ids: Record<string, string> = {};

async function make(path: string, json: unknown, token: string): Promise<any> {
  const response = await api("POST", path, { token, json });
  if (response.status !== 201) throw new Error(`fixture ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

beforeAll(async () => {
  team = await createProjectWithTeam("Bad input");
  other = await createProjectWithTeam("Elsewhere");
  const e = team.editor.token;
  ids.article = (await make(`/api/v1/projects/${team.id}/articles`, { title: "Target", text: TEXT }, e)).id;
  const quote = "40 villages were retaken";
  ids.annotation = (
    await make(
      `/api/v1/articles/${ids.article}/annotations`,
      { start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length, exact: quote, tags: ["statistic"] },
      e,
    )
  ).id;
  const second = "Critics called it propaganda";
  ids.secondAnnotation = (
    await make(
      `/api/v1/articles/${ids.article}/annotations`,
      { start: TEXT.indexOf(second), end: TEXT.indexOf(second) + second.length, exact: second },
      e,
    )
  ).id;
  ids.source = (
    await make(`/api/v1/projects/${team.id}/articles`, { title: "Outlet", text: TEXT, sourceName: "Kabul Times" }, e)
  ).source.id;
  ids.secondSource = (
    await make(
      `/api/v1/projects/${team.id}/articles`,
      { title: "Second outlet", text: TEXT, sourceName: "Kabul Post" },
      e,
    )
  ).source.id;
  ids.event = (await make(`/api/v1/projects/${team.id}/events`, { title: "Villages retaken" }, e)).id;
  ids.secondEvent = (await make(`/api/v1/projects/${team.id}/events`, { title: "Other event" }, e)).id;
  ids.link = (
    await make(`/api/v1/events/${ids.event}/links`, { annotationId: ids.annotation, stance: "ASSERTS" }, e)
  ).id;
  ids.comment = (await make(`/api/v1/annotations/${ids.annotation}/comments`, { text: "Source?" }, e)).id;
  const tags = (await api("GET", `/api/v1/projects/${team.id}/tags`, { token: e })).body.items;
  ids.tag = tags[0].id;
  ids.group = tags[0].group.id;
  ids.member = team.viewer.id;
  // Invitations of someone else: the editor who sends the corpus may revoke it, not accept or decline it.
  ids.invitation = (
    await make(`/api/v1/projects/${team.id}/invitations`, { email: "invited@test.example", role: "VIEWER" }, e)
  ).id;
  ids.token = (await make("/api/v1/tokens", { email: team.editor.email, password: TEST_PASSWORD }, e)).id;
  // Another project's things, and deleted ones.
  ids.otherArticle = (
    await make(`/api/v1/projects/${other.id}/articles`, { title: "Theirs", text: TEXT }, other.editor.token)
  ).id;
  ids.otherAnnotation = (
    await make(
      `/api/v1/articles/${ids.otherArticle}/annotations`,
      { start: 0, end: 3, exact: "The" },
      other.editor.token,
    )
  ).id;
  ids.otherEvent = (await make(`/api/v1/projects/${other.id}/events`, { title: "Theirs" }, other.editor.token)).id;
  ids.otherSource = (
    await make(
      `/api/v1/projects/${other.id}/articles`,
      { title: "Theirs", text: TEXT, sourceName: "Their outlet" },
      other.editor.token,
    )
  ).source.id;
  ids.otherTag = (
    await api("GET", `/api/v1/projects/${other.id}/tags`, { token: other.editor.token })
  ).body.items[0].id;
  ids.deletedArticle = (await make(`/api/v1/projects/${team.id}/articles`, { title: "Gone", text: TEXT }, e)).id;
  await api("DELETE", `/api/v1/articles/${ids.deletedArticle}`, { token: e });
  ids.deletedProject = (await make("/api/v1/projects", { name: "Closed desk" }, e)).id;
  await api("DELETE", `/api/v1/projects/${ids.deletedProject}`, { token: e });
  ids.deletedAnnotation = (
    await make(`/api/v1/articles/${ids.article}/annotations`, { start: 0, end: 3, exact: "The" }, e)
  ).id;
  await api("DELETE", `/api/v1/annotations/${ids.deletedAnnotation}`, { token: e, headers: { "if-match": '"1"' } });
});

function writeRoutes(): WriteRoute[] {
  const ifMatch = { "if-match": '"1"' };
  return [
    { method: "POST", path: "/api/v1/projects", valid: { name: "P" }, fields: { name: "label" } },
    {
      method: "PATCH",
      path: `/api/v1/projects/${team.id}`,
      valid: { description: "d" },
      fields: { description: "text" },
      ids: [team.id],
    },
    {
      method: "PATCH",
      path: `/api/v1/projects/${team.id}`,
      valid: {
        publisher: { name: "Fact Check", url: "https://fc.example" },
        reviewUrlTemplate: "https://fc.example/claims/{id}",
      },
      fields: { publisher: "publisher", reviewUrlTemplate: "reviewUrl" },
    },
    { method: "DELETE", path: `/api/v1/projects/${team.id}`, ids: [team.id] },
    {
      method: "POST",
      path: `/api/v1/projects/${team.id}/articles`,
      valid: { title: "T", text: "Body." },
      fields: { title: "label", text: "body" },
      ids: [team.id],
      bulk: true,
    },
    // Import by URL: every bad body is refused before anything is fetched or stored.
    {
      method: "POST",
      path: `/api/v1/projects/${team.id}/articles`,
      valid: { url: `${pageServerOrigin()}/articles/commando`, title: "From the web" },
      fields: { url: "url", title: "label", publishedAt: "date" },
      bulk: true,
    },
    {
      method: "PATCH",
      path: `/api/v1/articles/${ids.article}`,
      valid: { title: "T2" },
      fields: { title: "label" },
      ids: [ids.article!],
    },
    { method: "DELETE", path: `/api/v1/articles/${ids.article}`, ids: [ids.article!] },
    {
      method: "POST",
      path: `/api/v1/articles/${ids.article}/annotations`,
      valid: { start: 18, end: 42, exact: "40 villages were retaken", tags: ["statistic"] },
      fields: { start: "offset", end: "offset", exact: "label", tags: "array" },
      ids: [ids.article!],
    },
    { method: "POST", path: `/api/v1/articles/${ids.article}/annotations/submit`, ids: [ids.article!] },
    // A claim candidate of the article: no mutation of it may store a decision.
    {
      method: "POST",
      path: "/api/v1/suggestions/decisions",
      valid: { articleId: ids.article, kind: "claim", start: 0, end: 53, decision: "reject" },
      fields: { articleId: "id", kind: "enum", start: "offset", end: "offset", decision: "enum", tags: "array" },
    },
    // Nobody is assigned the article: every request below must leave it so (a valid one would assign).
    {
      method: "PUT",
      path: `/api/v1/articles/${ids.article}/assignees`,
      valid: { userIds: [team.reviewer.id] },
      fields: { userIds: "array" },
      ids: [ids.article!],
    },
    // The editor is not assigned the article: 409.
    { method: "POST", path: `/api/v1/articles/${ids.article}/assignment/submit`, ids: [ids.article!] },
    {
      method: "POST",
      path: `/api/v1/articles/${ids.article}/adjudication`,
      valid: {
        accept: ids.annotation,
        versions: { [ids.annotation!]: 1, [ids.secondAnnotation!]: 1 },
        tags: ["statistic"],
        keep: ["statistic"],
      },
      fields: { accept: "id", versions: "versions", tags: "array", keep: "array" },
      ids: [ids.article!],
    },
    // Undo and restore of things that are live, or of no decision: each is refused (409) and changes nothing.
    {
      method: "POST",
      path: `/api/v1/articles/${ids.article}/adjudication/undo`,
      valid: { versions: { [ids.annotation!]: 1 } },
      fields: { versions: "versions" },
      ids: [ids.article!],
    },
    { method: "POST", path: `/api/v1/annotations/${ids.annotation}/restore`, ids: [ids.annotation!] },
    {
      method: "POST",
      path: `/api/v1/annotations/${ids.annotation}/undo-review`,
      headers: ifMatch,
      ids: [ids.annotation!],
    },
    { method: "POST", path: `/api/v1/comments/${ids.comment}/restore`, ids: [ids.comment!] },
    { method: "POST", path: `/api/v1/events/${ids.event}/restore`, ids: [ids.event!] },
    { method: "POST", path: `/api/v1/links/${ids.link}/restore`, ids: [ids.link!] },
    { method: "POST", path: `/api/v1/events/${ids.event}/undo-merge`, ids: [ids.event!] },
    {
      method: "PUT",
      path: `/api/v1/events/${ids.secondEvent}/omissions/${ids.article}`,
      ids: [ids.secondEvent!, ids.article!],
    },
    {
      method: "DELETE",
      path: `/api/v1/events/${ids.secondEvent}/omissions/${ids.article}`,
      ids: [ids.secondEvent!, ids.article!],
    },
    { method: "POST", path: `/api/v1/sources/${ids.source}/undo-merge`, ids: [ids.source!] },
    {
      method: "PATCH",
      path: `/api/v1/annotations/${ids.annotation}`,
      valid: { note: "n", start: 18 },
      fields: { note: "text", start: "offset", reviewUrl: "reviewUrl" },
      headers: ifMatch,
      ids: [ids.annotation!],
    },
    { method: "DELETE", path: `/api/v1/annotations/${ids.annotation}`, headers: ifMatch, ids: [ids.annotation!] },
    {
      method: "POST",
      path: `/api/v1/annotations/${ids.annotation}/comments`,
      valid: { text: "c" },
      fields: { text: "label" },
      ids: [ids.annotation!],
    },
    {
      method: "PATCH",
      path: `/api/v1/comments/${ids.comment}`,
      valid: { text: "c2" },
      fields: { text: "label" },
      ids: [ids.comment!],
    },
    { method: "DELETE", path: `/api/v1/comments/${ids.comment}`, ids: [ids.comment!] },
    {
      method: "PATCH",
      path: `/api/v1/sources/${ids.source}`,
      valid: { notes: "State-owned" },
      fields: { name: "label", homepage: "text", notes: "text" },
      ids: [ids.source!],
    },
    { method: "DELETE", path: `/api/v1/sources/${ids.source}`, ids: [ids.source!] },
    {
      method: "POST",
      path: `/api/v1/sources/${ids.source}/merge`,
      valid: { into: ids.secondSource },
      fields: { into: "id" },
      ids: [ids.source!],
    },
    {
      method: "POST",
      path: `/api/v1/projects/${team.id}/events`,
      valid: { title: "E", date: "2021-08-20" },
      fields: { title: "label", date: "date" },
      ids: [team.id],
    },
    {
      method: "PATCH",
      path: `/api/v1/events/${ids.event}`,
      valid: { place: "Kabul" },
      fields: { place: "text" },
      ids: [ids.event!],
    },
    { method: "DELETE", path: `/api/v1/events/${ids.event}`, ids: [ids.event!] },
    {
      method: "POST",
      path: `/api/v1/events/${ids.event}/merge`,
      valid: { into: ids.secondEvent },
      fields: { into: "id" },
      ids: [ids.event!],
    },
    {
      method: "POST",
      path: `/api/v1/events/${ids.secondEvent}/links`,
      valid: { annotationId: ids.annotation, stance: "DISPUTES" },
      fields: { annotationId: "id", stance: "enum" },
      ids: [ids.secondEvent!],
    },
    {
      method: "PATCH",
      path: `/api/v1/links/${ids.link}`,
      valid: { stance: "QUALIFIES" },
      fields: { stance: "enum" },
      ids: [ids.link!],
    },
    { method: "DELETE", path: `/api/v1/links/${ids.link}`, ids: [ids.link!] },
    {
      method: "POST",
      path: `/api/v1/projects/${team.id}/tags`,
      valid: { name: "new tag", group: "frame", color: "#3366cc" },
      fields: { name: "label", group: "label", color: "text" },
      ids: [team.id],
    },
    {
      method: "PATCH",
      path: `/api/v1/tags/${ids.tag}`,
      valid: { description: "d" },
      fields: { description: "text" },
      ids: [ids.tag!],
    },
    { method: "DELETE", path: `/api/v1/tags/${ids.tag}`, ids: [ids.tag!] },
    {
      method: "PATCH",
      path: `/api/v1/tag-groups/${ids.group}`,
      valid: { position: 1, choice: "multiple", required: false },
      fields: { position: "integer", choice: "enum", required: "boolean" },
      ids: [ids.group!],
    },
    {
      method: "POST",
      path: `/api/v1/projects/${team.id}/members`,
      valid: { email: team.outsider.email, role: "VIEWER" },
      fields: { email: "email", role: "enum" },
      ids: [team.id],
    },
    {
      method: "PATCH",
      path: `/api/v1/projects/${team.id}/members/${ids.member}`,
      valid: { role: "REVIEWER" },
      fields: { role: "enum" },
      ids: [ids.member!],
    },
    { method: "DELETE", path: `/api/v1/projects/${team.id}/members/${ids.member}`, ids: [ids.member!] },
    // The editor is the project's only one: leaving is refused.
    { method: "DELETE", path: `/api/v1/projects/${team.id}/members/me`, ids: [team.id] },
    {
      method: "POST",
      path: `/api/v1/projects/${team.id}/invitations`,
      valid: { email: team.outsider.email, role: "VIEWER" },
      fields: { email: "email", role: "enum" },
      ids: [team.id],
    },
    { method: "DELETE", path: `/api/v1/invitations/${ids.invitation}`, ids: [ids.invitation!] },
    { method: "POST", path: `/api/v1/invitations/${ids.invitation}/accept`, ids: [ids.invitation!] },
    { method: "POST", path: `/api/v1/invitations/${ids.invitation}/decline`, ids: [ids.invitation!] },
    {
      method: "POST",
      path: `/api/v1/projects/${team.id}/import`,
      valid: { articles: [{ title: "I", text: "Imported." }] },
      fields: { articles: "array" },
      ids: [team.id],
    },
    {
      method: "POST",
      path: "/api/v1/tokens",
      valid: { email: team.editor.email, password: TEST_PASSWORD },
      fields: { email: "email", password: "text" },
    },
    { method: "DELETE", path: `/api/v1/tokens/${ids.token}`, ids: [ids.token!] },
    {
      method: "POST",
      path: "/api/v1/notifications/read",
      valid: { ids: ["019ab000-0000-7000-8000-000000000001"] },
      fields: { ids: "id" },
    },
  ];
}

/** Values of the wrong kind for a field (each one a request); null clears optional text, so it is no mistake there. */
function wrongValues(kind: string): unknown[] {
  const common = [...(["text", "date", "reviewUrl", "publisher"].includes(kind) ? [] : [null]), {}, [], true];
  switch (kind) {
    case "offset":
      return [...common, -1, 1.5, 1e20, "18", 2 ** 31, -0.000001];
    case "integer":
      return [...common, -1, 1.5, "1", 1e12];
    case "label":
      return [...common, 42, "", "   ", "\ud800 lone surrogate", "nul\u0000byte", "x".repeat(100_000)];
    case "text":
      return [...common, 42, "\udfff", "a\u0000b"];
    case "body":
      return [...common, 42, "", "\ud800", "a\u0000b"];
    case "date":
      return [...common, 42, "yesterday", "2021-02-30", "2021-08-20T25:00", "99999-01-01"];
    case "id":
      return [
        ...common,
        42,
        "not-an-id",
        ids.otherAnnotation,
        ids.otherEvent,
        ids.otherSource,
        ids.deletedAnnotation,
        ...SQL_AND_PATHS.slice(0, 3),
      ];
    case "enum":
      return [...common, 42, "asserts ", "EVERYTHING", "ADMIN"];
    case "email":
      return [...common, 42, "not an email", "a@b", `${"x".repeat(400)}@example.org`];
    case "versions":
      return [
        ...common,
        { [ids.annotation!]: 0 },
        { [ids.annotation!]: 1.5 },
        { [ids.annotation!]: "1" },
        { [ids.annotation!]: 1, [ids.otherAnnotation!]: 1 },
        { [ids.annotation!]: 1, [ids.deletedAnnotation!]: 1 },
        { [ids.annotation!]: 1, "not-an-id": 1 },
        { [ids.annotation!]: 7 },
        Object.fromEntries(
          Array.from({ length: 51 }, (_, index) => [`019ab000-0000-7000-8000-${String(index).padStart(12, "0")}`, 1]),
        ),
      ];
    case "url":
      // Refused one way or another (shape, scheme, address, content type), never fetched into an article.
      return [
        ...common,
        42,
        "",
        "   ",
        "not a url",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://example.org/news.html",
        "http://127.0.0.1/",
        "http://[::1]/",
        "http://[::ffff:10.0.0.1]/",
        "http://169.254.169.254/latest/meta-data/",
        `${pageServerOrigin()}/image`,
        `${pageServerOrigin()}/loop`,
        `https://example.org/${"x".repeat(5000)}`,
        "http://\ud800/",
      ];
    case "reviewUrl":
      return [
        ...common,
        42,
        "not a url",
        "javascript:alert('{id}')",
        "ftp://fc.example/{id}",
        `https://fc.example/${"x".repeat(3000)}/{id}`,
        "https://fc.example/\ud800{id}",
        "https://fc.example/\u0000{id}",
      ];
    case "publisher":
      return [
        ...common,
        "Fact Check",
        { name: "Fact Check" },
        { name: "", url: "https://fc.example" },
        { name: "x".repeat(201), url: "https://fc.example" },
        { name: "Fact Check", url: "javascript:alert(1)" },
        { name: "Fact Check", url: "https://fc.example", logoUrl: "data:image/png;base64,AA" },
        { name: "Fact Check", url: "https://fc.example", extra: 1 },
      ];
    case "boolean":
      // `true` is one of its good values.
      return [null, {}, [], "true", "false", 1, 0];
    case "array":
      return [null, {}, "statistic", 42, [null], [{}], [ids.otherTag], Array.from({ length: 10_001 }, () => "x")];
    default:
      return common;
  }
}

function corpus(): BadRequest[] {
  const requests: BadRequest[] = [];
  for (const route of writeRoutes()) {
    const at = (label: string, request: Partial<BadRequest>) =>
      requests.push({
        label: `${route.method} ${route.path.slice(0, 60)} ${label}`,
        method: route.method,
        path: route.path,
        headers: route.headers,
        ...request,
      });
    if (route.valid) {
      const valid = JSON.stringify(route.valid);
      at("malformed JSON", { raw: '{"title": ', contentType: "application/json" });
      at("truncated JSON", { raw: valid.slice(0, Math.floor(valid.length / 2)), contentType: "application/json" });
      at("NaN literal", { raw: valid.replace(/}$/, ',"start": NaN}'), contentType: "application/json" });
      at("empty body", { raw: "", contentType: "application/json" });
      at("null", { json: null });
      if (!route.bulk) at("array", { json: [route.valid] });
      else at("array with a bad item", { json: [route.valid, { ...route.valid, title: null }] });
      at("string", { json: "hello" });
      at("number", { json: 42 });
      at("text/plain", { raw: valid, contentType: "text/plain" });
      at("form-encoded", { raw: "title=x", contentType: "application/x-www-form-urlencoded" });
      at("no content type", { raw: valid, contentType: null });
      at("latin-1 charset", { raw: valid, contentType: "application/json; charset=iso-8859-1" });
      at("invalid UTF-8", {
        raw: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
        contentType: "application/json",
      });
      at("extra field", { json: { ...route.valid, isAdmin: true } });
      at("empty object", { json: {} });
      for (const [field, kind] of Object.entries(route.fields ?? {})) {
        for (const value of wrongValues(kind))
          at(`${field}=${JSON.stringify(value)?.slice(0, 40)}`, { json: { ...route.valid, [field]: value } });
      }
    }
    for (const id of route.ids ?? []) {
      for (const bad of [
        ...SQL_AND_PATHS,
        ids.deletedArticle!,
        ids.deletedProject!,
        ids.otherArticle!,
        other.id,
        "019ab000-0000-7000-8000-00000000dead",
      ]) {
        at(`id ${bad.slice(0, 30)}`, { path: route.path.replace(id, encodeURIComponent(bad)), json: route.valid });
      }
    }
    if (route.headers?.["if-match"]) {
      for (const header of ['"abc"', '"-1"', 'W/"1"', '"1", "2"', '"99999999999"', "*", ""])
        at(`If-Match ${header}`, { headers: { "if-match": header }, json: route.valid });
    }
  }
  // W3C Web Annotations onto an article that is not one of the project's (or not an id), and a chosen article for a
  // file of another kind.
  const webAnnotation = {
    type: "Annotation",
    target: { source: "urn:uuid:elsewhere", selector: { type: "TextQuoteSelector", exact: "Critics called it" } },
  };
  for (const bad of [
    ...SQL_AND_PATHS,
    "",
    ids.deletedArticle!,
    ids.otherArticle!,
    other.id,
    "019ab000-0000-7000-8000-00000000dead",
  ]) {
    requests.push({
      label: `POST import ?article=${bad.slice(0, 30)}`,
      method: "POST",
      path: `/api/v1/projects/${team.id}/import?article=${encodeURIComponent(bad)}`,
      json: webAnnotation,
    });
  }
  requests.push({
    label: "POST import ?article= with articles in bulk",
    method: "POST",
    path: `/api/v1/projects/${team.id}/import?article=${ids.article}`,
    json: { articles: [{ title: "I", text: "Imported." }] },
  });
  // A few huge bodies (over the 5 MB limit) and broken credentials.
  const huge = JSON.stringify({ title: "x", text: "y".repeat(6 * 1024 * 1024) });
  for (const path of [
    `/api/v1/projects/${team.id}/articles`,
    `/api/v1/projects/${team.id}/import`,
    `/api/v1/articles/${ids.article}/annotations`,
  ]) {
    requests.push({
      label: `POST ${path} over 5 MB`,
      method: "POST",
      path,
      raw: huge,
      contentType: "application/json",
    });
  }
  for (const authorization of [
    "Bearer",
    "Bearer plx_wrong",
    "Basic dXNlcjpwYXNz",
    `Bearer ${"x".repeat(10_000)}`,
    "Bearer plx_\u00ff",
  ]) {
    requests.push({
      label: `Authorization ${authorization.slice(0, 20)}`,
      method: "POST",
      path: `/api/v1/projects/${team.id}/articles`,
      json: { title: "T", text: "x" },
      headers: { authorization },
    });
  }
  return requests;
}

async function send(request: BadRequest, token: string): Promise<{ status: number; text: string; type: string }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...request.headers };
  let body: BodyInit | undefined;
  if (request.json !== undefined) {
    body = JSON.stringify(request.json);
    headers["content-type"] = "application/json";
  } else if (request.raw !== undefined) {
    body = request.raw as BodyInit;
    if (request.contentType) headers["content-type"] = request.contentType;
  }
  // Header values outside Latin-1 cannot be sent by fetch: those are the server's business only when raw sockets are
  // used.
  for (const [name, value] of Object.entries(headers))
    if ([...value].some((character) => character.codePointAt(0)! > 0xff))
      headers[name] = Buffer.from(value, "utf8").toString("latin1");
  const response = await fetch(`${baseUrl()}${request.path}`, {
    method: request.method,
    headers,
    body,
    redirect: "manual",
  });
  return { status: response.status, text: await response.text(), type: response.headers.get("content-type") ?? "" };
}

describe("the bad-input corpus", () => {
  it("is at least 200 requests, each answered with a JSON 4xx, and changes nothing", async () => {
    const requests = corpus();
    expect(requests.length).toBeGreaterThanOrEqual(200);
    console.info(`[bad-input] ${requests.length} requests`);
    const before = await countRows();
    const auditBefore = await db().auditEntry.count();
    const wrong: string[] = [];
    // A few at a time: the corpus is large, the server small.
    for (let index = 0; index < requests.length; index += 8) {
      await Promise.all(
        requests.slice(index, index + 8).map(async (request) => {
          const answer = await send(request, team.editor.token);
          let envelope = false;
          try {
            const parsed = JSON.parse(answer.text) as { error?: { code?: unknown; message?: unknown } };
            envelope = typeof parsed.error?.code === "string" && typeof parsed.error.message === "string";
          } catch {
            envelope = false;
          }
          if (answer.status < 400 || answer.status > 499 || !envelope || !answer.type.includes("json"))
            wrong.push(`${request.label} → ${answer.status} ${answer.text.slice(0, 120)}`);
        }),
      );
    }
    expect(wrong).toEqual([]);
    expect(await db().auditEntry.count()).toBe(auditBefore);
    // Failed token requests are counted by the rate limit, by design; nothing else may change.
    const after = await countRows();
    expect({ ...after, auth_failures: 0 }).toEqual({ ...before, auth_failures: 0 });
    // Over a thousand requests: on a busy two-core machine they take longer than the default minute.
  }, 180_000);
});
