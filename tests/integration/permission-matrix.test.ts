import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { api, baseUrl } from "../support/api";
import {
  createProjectWithTeam,
  createUser,
  joinProject,
  TEST_PASSWORD,
  type TestProject,
  type TestUser,
} from "../support/factories";

/**
 * Every API route and page of app/, the least a caller needs to use it, and
 * what it answers then. Each is called as anonymous, a signed-in non-member,
 * viewer, reviewer, editor and site admin; the answers must be exactly what
 * follows from the row. A route or page in app/ that is missing here fails
 * the test, so none can be forgotten.
 */
type Caller = "anonymous" | "outsider" | "viewer" | "reviewer" | "editor" | "admin";
const CALLERS: Caller[] = ["anonymous", "outsider", "viewer", "reviewer", "editor", "admin"];
type Access = "public" | "signed-in" | "VIEWER" | "REVIEWER" | "EDITOR";

interface Call {
  path: string;
  json?: unknown;
  headers?: Record<string, string>;
}

interface Row {
  method: string;
  /** The route's path in app/, with [params]. */
  route: string;
  access: Access;
  /** The status of an allowed call. */
  ok: number;
  /** Builds a fresh target for each call (what one caller deletes, the next still finds). */
  call: (fixture: Fixture) => Promise<Call>;
  /** Callers whose answer differs from what the access gives, with why. */
  except?: Partial<Record<Caller, number>>;
}

interface Fixture {
  team: TestProject;
  articleId: string;
  secondArticleId: string;
  /** The outlet of a third article. */
  sourceId: string;
  /** An annotation by the reviewer. */
  annotation: () => Promise<string>;
  event: () => Promise<string>;
}

const RANK: Record<Caller, number> = { anonymous: 0, outsider: 0, viewer: 1, reviewer: 2, editor: 3, admin: 3 };
const NEEDED: Record<"VIEWER" | "REVIEWER" | "EDITOR", number> = { VIEWER: 1, REVIEWER: 2, EDITOR: 3 };
const PAGE_REDIRECT = 307;

function expected(row: Row, caller: Caller): number {
  const special = row.except?.[caller];
  if (special !== undefined) return special;
  const page = !row.route.startsWith("/api/");
  if (row.access === "public") return row.ok;
  if (caller === "anonymous") return page ? PAGE_REDIRECT : 401;
  if (row.access === "signed-in") return row.ok;
  if (caller === "outsider") return 404;
  return RANK[caller] >= NEEDED[row.access] ? row.ok : 403;
}

const TEXT = "The ministry said 40 villages were retaken on Monday. Critics called it propaganda.";
const quote = (text: string) => ({ start: TEXT.indexOf(text), end: TEXT.indexOf(text) + text.length, exact: text });

async function created(response: Promise<{ status: number; body: any }>): Promise<any> {
  const { status, body } = await response;
  if (status !== 201 && status !== 200) throw new Error(`fixture not created: ${status} ${JSON.stringify(body)}`);
  return body;
}

const at = (path: string): Call => ({ path });
const IF_MATCH_1 = { "if-match": '"1"' };

/** A fixture deleted (204), to be restored. */
async function removed(response: Promise<{ status: number; body: any }>): Promise<void> {
  const { status, body } = await response;
  if (status !== 204) throw new Error(`fixture not deleted: ${status} ${JSON.stringify(body)}`);
}
const fresh = () => randomUUID().slice(0, 8);

const ROWS: Row[] = [
  // Public and account-level routes
  { method: "GET", route: "/api/health", access: "public", ok: 200, call: async () => at("/api/health") },
  {
    method: "POST",
    route: "/api/v1/tokens",
    access: "public",
    ok: 201,
    call: async ({ team }) => ({ path: "/api/v1/tokens", json: { email: team.viewer.email, password: TEST_PASSWORD } }),
  },
  ...["GET", "POST", "PUT", "PATCH", "DELETE"].map(
    (method): Row => ({
      method,
      route: "/api/v1/[...path]",
      access: "public",
      ok: 404,
      call: async () => ({ path: "/api/v1/no-such-route", json: method === "GET" ? undefined : {} }),
    }),
  ),
  { method: "GET", route: "/api/v1/tokens", access: "signed-in", ok: 200, call: async () => at("/api/v1/tokens") },
  // The reviewer's own token: nobody else can revoke it, not even a site admin.
  {
    method: "DELETE",
    route: "/api/v1/tokens/[tokenId]",
    access: "signed-in",
    ok: 404,
    except: { reviewer: 204 },
    call: async ({ team }) => {
      const credentials = { email: team.reviewer.email, password: TEST_PASSWORD };
      const token = await created(api("POST", "/api/v1/tokens", { json: credentials }));
      return at(`/api/v1/tokens/${token.id}`);
    },
  },
  { method: "GET", route: "/api/v1/projects", access: "signed-in", ok: 200, call: async () => at("/api/v1/projects") },
  {
    method: "POST",
    route: "/api/v1/projects",
    access: "signed-in",
    ok: 201,
    call: async () => ({ path: "/api/v1/projects", json: { name: `Matrix ${fresh()}` } }),
  },

  // One project
  {
    method: "GET",
    route: "/api/v1/projects/[projectId]",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/api/v1/projects/${team.id}`),
  },
  {
    method: "PATCH",
    route: "/api/v1/projects/[projectId]",
    access: "EDITOR",
    ok: 200,
    // With the publishing settings: only an editor names who publishes the project's fact-checks.
    call: async ({ team }) => ({
      path: `/api/v1/projects/${team.id}`,
      json: {
        description: `d ${fresh()}`,
        publisher: { name: "Example Fact Check", url: "https://factcheck.example.org/" },
        reviewUrlTemplate: `https://factcheck.example.org/${fresh()}/{id}`,
      },
    }),
  },
  {
    method: "DELETE",
    route: "/api/v1/projects/[projectId]",
    access: "EDITOR",
    ok: 204,
    call: async ({ team }) => at(`/api/v1/projects/${await project(team)}`),
  },
  {
    method: "GET",
    route: "/api/v1/projects/[projectId]/articles",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/api/v1/projects/${team.id}/articles`),
  },
  {
    method: "POST",
    route: "/api/v1/projects/[projectId]/articles",
    access: "EDITOR",
    ok: 201,
    call: async ({ team }) => ({
      path: `/api/v1/projects/${team.id}/articles`,
      json: { title: "t", text: "Some text." },
    }),
  },
  {
    method: "GET",
    route: "/api/v1/projects/[projectId]/tags",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/api/v1/projects/${team.id}/tags`),
  },
  {
    method: "POST",
    route: "/api/v1/projects/[projectId]/tags",
    access: "EDITOR",
    ok: 201,
    call: async ({ team }) => ({
      path: `/api/v1/projects/${team.id}/tags`,
      json: { name: `tag ${fresh()}`, group: "frame", color: "#3366cc" },
    }),
  },
  {
    method: "GET",
    route: "/api/v1/projects/[projectId]/events",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/api/v1/projects/${team.id}/events`),
  },
  {
    method: "POST",
    route: "/api/v1/projects/[projectId]/events",
    access: "REVIEWER",
    ok: 201,
    call: async ({ team }) => ({ path: `/api/v1/projects/${team.id}/events`, json: { title: `Event ${fresh()}` } }),
  },
  {
    method: "GET",
    route: "/api/v1/projects/[projectId]/compare",
    access: "VIEWER",
    ok: 200,
    call: async ({ team, articleId, secondArticleId }) =>
      at(`/api/v1/projects/${team.id}/compare?a=${articleId}&b=${secondArticleId}`),
  },
  {
    method: "GET",
    route: "/api/v1/projects/[projectId]/export",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/api/v1/projects/${team.id}/export?format=json`),
  },
  {
    method: "GET",
    route: "/api/v1/projects/[projectId]/export/unpublishable",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/api/v1/projects/${team.id}/export/unpublishable`),
  },
  {
    method: "POST",
    route: "/api/v1/projects/[projectId]/import",
    access: "EDITOR",
    ok: 201,
    call: async ({ team }) => ({
      path: `/api/v1/projects/${team.id}/import`,
      json: { articles: [{ title: "Imported", text: "Imported text." }] },
    }),
  },
  {
    method: "GET",
    route: "/api/v1/projects/[projectId]/search",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/api/v1/projects/${team.id}/search?q=villages`),
  },
  {
    method: "GET",
    route: "/api/v1/projects/[projectId]/annotations",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/api/v1/projects/${team.id}/annotations?status=SUBMITTED`),
  },
  {
    method: "GET",
    route: "/api/v1/projects/[projectId]/agreement",
    access: "EDITOR",
    ok: 200,
    call: async ({ team }) => at(`/api/v1/projects/${team.id}/agreement?coders=${team.reviewer.id},${team.editor.id}`),
  },
  {
    method: "GET",
    route: "/api/v1/projects/[projectId]/assignments",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/api/v1/projects/${team.id}/assignments`),
  },
  {
    method: "GET",
    route: "/api/v1/projects/[projectId]/progress",
    access: "EDITOR",
    ok: 200,
    call: async ({ team }) => at(`/api/v1/projects/${team.id}/progress`),
  },
  {
    method: "GET",
    route: "/api/v1/assignments",
    access: "signed-in",
    ok: 200,
    call: async () => at("/api/v1/assignments"),
  },
  {
    method: "PUT",
    route: "/api/v1/articles/[articleId]/assignees",
    access: "EDITOR",
    ok: 200,
    call: async ({ team, articleId }) => ({
      path: `/api/v1/articles/${articleId}/assignees`,
      json: { userIds: [team.reviewer.id] },
    }),
  },
  // An article assigned to the reviewer and the editor; a site admin who is no member cannot be assigned one.
  {
    method: "POST",
    route: "/api/v1/articles/[articleId]/assignment/submit",
    access: "REVIEWER",
    ok: 200,
    except: { admin: 409 },
    call: async ({ team }) => {
      const articleId = await article(team);
      await created(
        api("PUT", `/api/v1/articles/${articleId}/assignees`, {
          token: team.editor.token,
          json: { userIds: [team.reviewer.id, team.editor.id] },
        }),
      );
      return { path: `/api/v1/articles/${articleId}/assignment/submit`, json: {} };
    },
  },
  {
    method: "GET",
    route: "/api/v1/projects/[projectId]/audit",
    access: "EDITOR",
    ok: 200,
    call: async ({ team }) => at(`/api/v1/projects/${team.id}/audit`),
  },
  {
    method: "GET",
    route: "/api/v1/projects/[projectId]/members",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/api/v1/projects/${team.id}/members`),
  },
  // Invites (as POST …/invitations does).
  {
    method: "POST",
    route: "/api/v1/projects/[projectId]/members",
    access: "EDITOR",
    ok: 201,
    call: async ({ team }) => ({
      path: `/api/v1/projects/${team.id}/members`,
      json: { email: `new-${fresh()}@test.example`, role: "VIEWER" },
    }),
  },
  {
    method: "PATCH",
    route: "/api/v1/projects/[projectId]/members/[userId]",
    access: "EDITOR",
    ok: 200,
    call: async ({ team }) => ({
      path: `/api/v1/projects/${team.id}/members/${(await member(team)).id}`,
      json: { role: "REVIEWER" },
    }),
  },
  {
    method: "DELETE",
    route: "/api/v1/projects/[projectId]/members/[userId]",
    access: "EDITOR",
    ok: 204,
    call: async ({ team }) => at(`/api/v1/projects/${team.id}/members/${(await member(team)).id}`),
  },
  // Leaving a project of the team's own (each caller leaves a fresh one); its only editor may not (409), a site admin
  // who is no member is not found.
  {
    method: "DELETE",
    route: "/api/v1/projects/[projectId]/members/me",
    access: "VIEWER",
    ok: 204,
    except: { editor: 409, admin: 404 },
    call: async ({ team }) => at(`/api/v1/projects/${await project(team)}/members/me`),
  },
  {
    method: "GET",
    route: "/api/v1/projects/[projectId]/invitations",
    access: "EDITOR",
    ok: 200,
    call: async ({ team }) => at(`/api/v1/projects/${team.id}/invitations`),
  },
  {
    method: "POST",
    route: "/api/v1/projects/[projectId]/invitations",
    access: "EDITOR",
    ok: 201,
    call: async ({ team }) => ({
      path: `/api/v1/projects/${team.id}/invitations`,
      json: { email: `new-${fresh()}@test.example`, role: "VIEWER" },
    }),
  },
  {
    method: "DELETE",
    route: "/api/v1/invitations/[invitationId]",
    access: "EDITOR",
    ok: 204,
    call: async ({ team }) => at(`/api/v1/invitations/${await invitation(team, `new-${fresh()}@test.example`)}`),
  },
  // The caller's own invitations; accepting and declining are the invitee's alone (the outsider's, into a project of
  // its own each time).
  {
    method: "GET",
    route: "/api/v1/invitations",
    access: "signed-in",
    ok: 200,
    call: async () => at("/api/v1/invitations"),
  },
  {
    method: "POST",
    route: "/api/v1/invitations/[invitationId]/accept",
    access: "signed-in",
    ok: 404,
    except: { outsider: 200 },
    call: async ({ team }) =>
      at(`/api/v1/invitations/${await invitation(team, team.outsider.email, await project(team))}/accept`),
  },
  {
    method: "POST",
    route: "/api/v1/invitations/[invitationId]/decline",
    access: "signed-in",
    ok: 404,
    except: { outsider: 204 },
    call: async ({ team }) =>
      at(`/api/v1/invitations/${await invitation(team, team.outsider.email, await project(team))}/decline`),
  },

  // The caller's own notifications.
  {
    method: "GET",
    route: "/api/v1/notifications",
    access: "signed-in",
    ok: 200,
    call: async () => at("/api/v1/notifications"),
  },
  {
    method: "POST",
    route: "/api/v1/notifications/read",
    access: "signed-in",
    ok: 200,
    call: async () => ({ path: "/api/v1/notifications/read", json: { all: true } }),
  },
  {
    method: "GET",
    route: "/api/v1/notifications/live",
    access: "signed-in",
    ok: 200,
    call: async () => at("/api/v1/notifications/live"),
  },

  // Articles and annotations
  {
    method: "GET",
    route: "/api/v1/articles/[articleId]",
    access: "VIEWER",
    ok: 200,
    call: async ({ articleId }) => at(`/api/v1/articles/${articleId}`),
  },
  {
    method: "PATCH",
    route: "/api/v1/articles/[articleId]",
    access: "EDITOR",
    ok: 200,
    call: async ({ team }) => ({
      path: `/api/v1/articles/${await article(team)}`,
      json: { title: `Renamed ${fresh()}` },
    }),
  },
  {
    method: "DELETE",
    route: "/api/v1/articles/[articleId]",
    access: "EDITOR",
    ok: 204,
    call: async ({ team }) => at(`/api/v1/articles/${await article(team)}`),
  },
  {
    method: "GET",
    route: "/api/v1/articles/[articleId]/annotations",
    access: "VIEWER",
    ok: 200,
    call: async ({ articleId }) => at(`/api/v1/articles/${articleId}/annotations`),
  },
  {
    method: "POST",
    route: "/api/v1/articles/[articleId]/annotations",
    access: "REVIEWER",
    ok: 201,
    call: async ({ articleId }) => ({
      path: `/api/v1/articles/${articleId}/annotations`,
      json: { ...quote("Critics"), tags: ["opinion"] },
    }),
  },
  {
    method: "GET",
    route: "/api/v1/articles/[articleId]/suggestions",
    access: "REVIEWER",
    ok: 200,
    call: async ({ articleId }) => at(`/api/v1/articles/${articleId}/suggestions`),
  },
  // Each caller rejects the claim candidate of a fresh article (a rejected one is not proposed again).
  {
    method: "POST",
    route: "/api/v1/suggestions/decisions",
    access: "REVIEWER",
    ok: 201,
    call: async ({ team }) => ({
      path: "/api/v1/suggestions/decisions",
      json: {
        articleId: await article(team),
        kind: "claim",
        start: 0,
        end: quote("The ministry said 40 villages were retaken on Monday.").end,
        decision: "reject",
      },
    }),
  },
  {
    method: "GET",
    route: "/api/v1/articles/[articleId]/tag-ranking",
    access: "REVIEWER",
    ok: 200,
    call: async ({ articleId }) => at(`/api/v1/articles/${articleId}/tag-ranking?start=4&end=12`),
  },
  {
    method: "GET",
    route: "/api/v1/articles/[articleId]/links",
    access: "VIEWER",
    ok: 200,
    call: async ({ articleId }) => at(`/api/v1/articles/${articleId}/links`),
  },
  {
    method: "POST",
    route: "/api/v1/articles/[articleId]/annotations/submit",
    access: "REVIEWER",
    ok: 200,
    call: async ({ articleId }) => ({ path: `/api/v1/articles/${articleId}/annotations/submit`, json: {} }),
  },
  {
    method: "POST",
    route: "/api/v1/articles/[articleId]/adjudication",
    access: "EDITOR",
    ok: 200,
    call: async ({ articleId, annotation }) => {
      const [accept, reject] = [await annotation(), await annotation()];
      return {
        path: `/api/v1/articles/${articleId}/adjudication`,
        json: { accept, versions: { [accept]: 1, [reject]: 1 } },
      };
    },
  },
  // Undo an adjudication decision: the versions it left.
  {
    method: "POST",
    route: "/api/v1/articles/[articleId]/adjudication/undo",
    access: "EDITOR",
    ok: 200,
    call: async ({ team, articleId, annotation }) => {
      const [accept, reject] = [await annotation(), await annotation()];
      await created(
        api("POST", `/api/v1/articles/${articleId}/adjudication`, {
          token: team.editor.token,
          json: { accept, versions: { [accept]: 1, [reject]: 1 } },
        }),
      );
      return {
        path: `/api/v1/articles/${articleId}/adjudication/undo`,
        json: { versions: { [accept]: 2, [reject]: 2 } },
      };
    },
  },
  // The reviewer's own annotation, deleted by the reviewer: theirs (and editors') to restore. A viewer sees it: 403.
  {
    method: "POST",
    route: "/api/v1/annotations/[annotationId]/restore",
    access: "REVIEWER",
    ok: 200,
    call: async ({ team, annotation }) => {
      const id = await annotation();
      await removed(api("DELETE", `/api/v1/annotations/${id}`, { token: team.reviewer.token, headers: IF_MATCH_1 }));
      return at(`/api/v1/annotations/${id}/restore`);
    },
  },
  {
    method: "POST",
    route: "/api/v1/annotations/[annotationId]/undo-review",
    access: "EDITOR",
    ok: 200,
    call: async ({ team, annotation }) => {
      const id = await annotation();
      await created(
        api("PATCH", `/api/v1/annotations/${id}`, {
          token: team.editor.token,
          json: { status: "REJECTED", reviewNote: "Unsourced" },
          headers: IF_MATCH_1,
        }),
      );
      return { path: `/api/v1/annotations/${id}/undo-review`, headers: { "if-match": '"2"' } };
    },
  },
  {
    method: "GET",
    route: "/api/v1/articles/[articleId]/live",
    access: "VIEWER",
    ok: 200,
    call: async ({ articleId }) => at(`/api/v1/articles/${articleId}/live`),
  },
  {
    method: "GET",
    route: "/api/v1/annotations/[annotationId]",
    access: "VIEWER",
    ok: 200,
    call: async ({ annotation }) => at(`/api/v1/annotations/${await annotation()}`),
  },
  // The reviewer's own annotation: theirs to change; editors change anybody's.
  {
    method: "PATCH",
    route: "/api/v1/annotations/[annotationId]",
    access: "REVIEWER",
    ok: 200,
    call: async ({ annotation }) => ({
      path: `/api/v1/annotations/${await annotation()}`,
      json: { note: "checked" },
      headers: { "if-match": '"1"' },
    }),
  },
  {
    method: "DELETE",
    route: "/api/v1/annotations/[annotationId]",
    access: "REVIEWER",
    ok: 204,
    call: async ({ annotation }) => ({
      path: `/api/v1/annotations/${await annotation()}`,
      headers: { "if-match": '"1"' },
    }),
  },
  {
    method: "GET",
    route: "/api/v1/annotations/[annotationId]/comments",
    access: "VIEWER",
    ok: 200,
    call: async ({ annotation }) => at(`/api/v1/annotations/${await annotation()}/comments`),
  },
  {
    method: "POST",
    route: "/api/v1/annotations/[annotationId]/comments",
    access: "REVIEWER",
    ok: 201,
    call: async ({ annotation }) => ({
      path: `/api/v1/annotations/${await annotation()}/comments`,
      json: { text: "Source?" },
    }),
  },
  // The reviewer's own comment: only its author edits it (editors may delete any).
  {
    method: "PATCH",
    route: "/api/v1/comments/[commentId]",
    access: "REVIEWER",
    ok: 200,
    except: { editor: 403, admin: 403 },
    call: async (fixture) => ({ path: `/api/v1/comments/${await comment(fixture)}`, json: { text: "Which source?" } }),
  },
  {
    method: "DELETE",
    route: "/api/v1/comments/[commentId]",
    access: "REVIEWER",
    ok: 204,
    call: async (fixture) => at(`/api/v1/comments/${await comment(fixture)}`),
  },

  {
    method: "POST",
    route: "/api/v1/comments/[commentId]/restore",
    access: "REVIEWER",
    ok: 200,
    call: async (fixture) => {
      const id = await comment(fixture);
      await removed(api("DELETE", `/api/v1/comments/${id}`, { token: fixture.team.reviewer.token }));
      return at(`/api/v1/comments/${id}/restore`);
    },
  },
  // Codebook
  {
    method: "PATCH",
    route: "/api/v1/tags/[tagId]",
    access: "EDITOR",
    ok: 200,
    call: async ({ team }) => ({ path: `/api/v1/tags/${await tag(team)}`, json: { description: "d" } }),
  },
  {
    method: "DELETE",
    route: "/api/v1/tags/[tagId]",
    access: "EDITOR",
    ok: 204,
    call: async ({ team }) => at(`/api/v1/tags/${await tag(team)}`),
  },
  {
    method: "PATCH",
    route: "/api/v1/tag-groups/[groupId]",
    access: "EDITOR",
    ok: 200,
    call: async ({ team }) => ({
      path: `/api/v1/tag-groups/${await group(team)}`,
      json: { description: `d ${fresh()}`, choice: "multiple", required: false },
    }),
  },

  {
    method: "GET",
    route: "/api/v1/projects/[projectId]/sources",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/api/v1/projects/${team.id}/sources`),
  },
  {
    method: "GET",
    route: "/api/v1/sources/[sourceId]",
    access: "VIEWER",
    ok: 200,
    call: async ({ sourceId }) => at(`/api/v1/sources/${sourceId}`),
  },
  {
    method: "PATCH",
    route: "/api/v1/sources/[sourceId]",
    access: "EDITOR",
    ok: 200,
    call: async ({ sourceId }) => ({ path: `/api/v1/sources/${sourceId}`, json: { notes: `n ${fresh()}` } }),
  },
  {
    method: "DELETE",
    route: "/api/v1/sources/[sourceId]",
    access: "EDITOR",
    ok: 204,
    call: async ({ team }) => at(`/api/v1/sources/${await emptySource(team)}`),
  },
  {
    method: "POST",
    route: "/api/v1/sources/[sourceId]/merge",
    access: "EDITOR",
    ok: 200,
    call: async ({ team }) => ({
      path: `/api/v1/sources/${await outlet(team)}/merge`,
      json: { into: await outlet(team) },
    }),
  },
  {
    method: "POST",
    route: "/api/v1/sources/[sourceId]/undo-merge",
    access: "EDITOR",
    ok: 200,
    call: async ({ team }) => {
      const id = await outlet(team);
      const into = await outlet(team);
      await created(api("POST", `/api/v1/sources/${id}/merge`, { token: team.editor.token, json: { into } }));
      return at(`/api/v1/sources/${id}/undo-merge`);
    },
  },

  // Events and claim links
  {
    method: "GET",
    route: "/api/v1/events/[eventId]",
    access: "VIEWER",
    ok: 200,
    call: async ({ event }) => at(`/api/v1/events/${await event()}`),
  },
  {
    method: "PATCH",
    route: "/api/v1/events/[eventId]",
    access: "EDITOR",
    ok: 200,
    call: async ({ event }) => ({ path: `/api/v1/events/${await event()}`, json: { place: "Kabul" } }),
  },
  {
    method: "DELETE",
    route: "/api/v1/events/[eventId]",
    access: "EDITOR",
    ok: 204,
    call: async ({ event }) => at(`/api/v1/events/${await event()}`),
  },
  {
    method: "POST",
    route: "/api/v1/events/[eventId]/merge",
    access: "EDITOR",
    ok: 200,
    call: async ({ event }) => ({ path: `/api/v1/events/${await event()}/merge`, json: { into: await event() } }),
  },
  {
    method: "POST",
    route: "/api/v1/events/[eventId]/undo-merge",
    access: "EDITOR",
    ok: 200,
    call: async ({ team, event }) => {
      const [id, into] = [await event(), await event()];
      await created(api("POST", `/api/v1/events/${id}/merge`, { token: team.editor.token, json: { into } }));
      return at(`/api/v1/events/${id}/undo-merge`);
    },
  },
  {
    method: "POST",
    route: "/api/v1/events/[eventId]/links",
    access: "REVIEWER",
    ok: 201,
    call: async ({ event, annotation }) => ({
      path: `/api/v1/events/${await event()}/links`,
      json: { annotationId: await annotation(), stance: "ASSERTS" },
    }),
  },
  {
    method: "GET",
    route: "/api/v1/annotations/[annotationId]/matches",
    access: "VIEWER",
    ok: 200,
    call: async ({ annotation }) => at(`/api/v1/annotations/${await annotation()}/matches`),
  },
  {
    method: "PUT",
    route: "/api/v1/events/[eventId]/omissions/[articleId]",
    access: "REVIEWER",
    ok: 201,
    call: async ({ event, articleId }) => at(`/api/v1/events/${await event()}/omissions/${articleId}`),
  },
  // The reviewer's own confirmation.
  {
    method: "DELETE",
    route: "/api/v1/events/[eventId]/omissions/[articleId]",
    access: "REVIEWER",
    ok: 204,
    call: async ({ team, event, articleId }) => {
      const path = `/api/v1/events/${await event()}/omissions/${articleId}`;
      await created(api("PUT", path, { token: team.reviewer.token }));
      return at(path);
    },
  },
  // The reviewer's own link.
  {
    method: "PATCH",
    route: "/api/v1/links/[linkId]",
    access: "REVIEWER",
    ok: 200,
    call: async (fixture) => ({ path: `/api/v1/links/${await link(fixture)}`, json: { stance: "DISPUTES" } }),
  },
  {
    method: "DELETE",
    route: "/api/v1/links/[linkId]",
    access: "REVIEWER",
    ok: 204,
    call: async (fixture) => at(`/api/v1/links/${await link(fixture)}`),
  },

  {
    method: "POST",
    route: "/api/v1/links/[linkId]/restore",
    access: "REVIEWER",
    ok: 200,
    call: async (fixture) => {
      const id = await link(fixture);
      await removed(api("DELETE", `/api/v1/links/${id}`, { token: fixture.team.reviewer.token }));
      return at(`/api/v1/links/${id}/restore`);
    },
  },
  {
    method: "POST",
    route: "/api/v1/events/[eventId]/restore",
    access: "EDITOR",
    ok: 200,
    call: async ({ team, event }) => {
      const id = await event();
      await removed(api("DELETE", `/api/v1/events/${id}`, { token: team.editor.token }));
      return at(`/api/v1/events/${id}/restore`);
    },
  },

  // Pages (anonymous callers are sent to the sign-in page)
  { method: "GET", route: "/", access: "public", ok: PAGE_REDIRECT, call: async () => at("/") },
  // Signed-in callers are sent on to their projects.
  {
    method: "GET",
    route: "/signin",
    access: "public",
    ok: 200,
    except: { outsider: 307, viewer: 307, reviewer: 307, editor: 307, admin: 307 },
    call: async () => at("/signin"),
  },
  { method: "GET", route: "/signup", access: "public", ok: 200, call: async () => at("/signup") },
  { method: "GET", route: "/projects", access: "signed-in", ok: 200, call: async () => at("/projects") },
  { method: "GET", route: "/account", access: "signed-in", ok: 200, call: async () => at("/account") },
  {
    method: "GET",
    route: "/projects/[projectId]",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/projects/${team.id}`),
  },
  {
    method: "GET",
    route: "/projects/[projectId]/codebook",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/projects/${team.id}/codebook`),
  },
  {
    method: "GET",
    route: "/projects/[projectId]/compare",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/projects/${team.id}/compare`),
  },
  {
    method: "GET",
    route: "/projects/[projectId]/events",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/projects/${team.id}/events`),
  },
  {
    method: "GET",
    route: "/projects/[projectId]/sources",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/projects/${team.id}/sources`),
  },
  {
    method: "GET",
    route: "/projects/[projectId]/members",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/projects/${team.id}/members`),
  },
  {
    method: "GET",
    route: "/projects/[projectId]/search",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/projects/${team.id}/search?q=villages`),
  },
  {
    method: "GET",
    route: "/projects/[projectId]/review",
    access: "VIEWER",
    ok: 200,
    call: async ({ team }) => at(`/projects/${team.id}/review`),
  },
  {
    method: "GET",
    route: "/projects/[projectId]/import",
    access: "EDITOR",
    ok: 200,
    call: async ({ team }) => at(`/projects/${team.id}/import`),
  },
  {
    method: "GET",
    route: "/projects/[projectId]/history",
    access: "EDITOR",
    ok: 200,
    call: async ({ team }) => at(`/projects/${team.id}/history`),
  },
  { method: "GET", route: "/work", access: "signed-in", ok: 200, call: async () => at("/work") },
  {
    method: "GET",
    route: "/projects/[projectId]/progress",
    access: "EDITOR",
    ok: 200,
    call: async ({ team }) => at(`/projects/${team.id}/progress`),
  },
  {
    method: "GET",
    route: "/projects/[projectId]/agreement",
    access: "EDITOR",
    ok: 200,
    call: async ({ team }) => at(`/projects/${team.id}/agreement`),
  },
  {
    method: "GET",
    route: "/projects/[projectId]/settings",
    access: "EDITOR",
    ok: 200,
    call: async ({ team }) => at(`/projects/${team.id}/settings`),
  },
  {
    method: "GET",
    route: "/articles/[articleId]",
    access: "VIEWER",
    ok: 200,
    call: async ({ articleId }) => at(`/articles/${articleId}`),
  },
  {
    method: "GET",
    route: "/events/[eventId]",
    access: "VIEWER",
    ok: 200,
    call: async ({ event }) => at(`/events/${await event()}`),
  },
  {
    method: "GET",
    route: "/articles/[articleId]/adjudicate",
    access: "EDITOR",
    ok: 200,
    call: async ({ articleId }) => at(`/articles/${articleId}/adjudicate`),
  },
];

/** Routes the matrix does not call, and why. */
const NOT_CALLED = new Map([
  [
    "/api/auth/[...nextauth]",
    "next-auth's own sign-in endpoints (tests/integration/session.test.ts and the rate-limit tests)",
  ],
]);

// Fresh targets, made by their owners through the API.
let secret: { projectId: string; articleId: string; marker: string };
/** A project of the same team (what one caller deletes, the next still finds). */
async function project(team: TestProject): Promise<string> {
  const { id } = await created(
    api("POST", "/api/v1/projects", { token: team.editor.token, json: { name: `Doomed ${fresh()}` } }),
  );
  for (const [user, role] of [
    [team.reviewer, "reviewer"],
    [team.viewer, "viewer"],
  ] as const)
    await joinProject(id, team.editor, user, role);
  return id;
}
/** A pending invitation of `email` into the team's project (or another of the team's). */
async function invitation(team: TestProject, email: string, projectId = team.id): Promise<string> {
  return (
    await created(
      api("POST", `/api/v1/projects/${projectId}/invitations`, {
        token: team.editor.token,
        json: { email, role: "VIEWER" },
      }),
    )
  ).id;
}
async function article(team: TestProject): Promise<string> {
  return (
    await created(
      api("POST", `/api/v1/projects/${team.id}/articles`, {
        token: team.editor.token,
        json: { title: "Target", text: TEXT },
      }),
    )
  ).id;
}
/** An outlet whose only article was deleted: one that can be deleted. */
async function emptySource(team: TestProject): Promise<string> {
  const { id, source } = await created(
    api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title: "Gone", text: TEXT, sourceName: `Outlet ${fresh()}` },
    }),
  );
  await api("DELETE", `/api/v1/articles/${id}`, { token: team.editor.token });
  return source.id;
}
/** An outlet with one article. */
async function outlet(team: TestProject): Promise<string> {
  return (
    await created(
      api("POST", `/api/v1/projects/${team.id}/articles`, {
        token: team.editor.token,
        json: { title: "Outlet", text: TEXT, sourceName: `Outlet ${fresh()}` },
      }),
    )
  ).source.id;
}
async function member(team: TestProject): Promise<{ id: string }> {
  const user = await createUser({ label: "member" });
  await joinProject(team.id, team.editor, user, "viewer");
  return user;
}
async function tag(team: TestProject): Promise<string> {
  return (
    await created(
      api("POST", `/api/v1/projects/${team.id}/tags`, {
        token: team.editor.token,
        json: { name: `t ${fresh()}`, group: "frame", color: "#3366cc" },
      }),
    )
  ).id;
}
async function group(team: TestProject): Promise<string> {
  const tags = (await api("GET", `/api/v1/projects/${team.id}/tags`, { token: team.editor.token })).body.items;
  return tags[0].group.id;
}
async function comment({ team, annotation }: Fixture): Promise<string> {
  return (
    await created(
      api("POST", `/api/v1/annotations/${await annotation()}/comments`, {
        token: team.reviewer.token,
        json: { text: "Source?" },
      }),
    )
  ).id;
}
async function link({ team, annotation, event }: Fixture): Promise<string> {
  return (
    await created(
      api("POST", `/api/v1/events/${await event()}/links`, {
        token: team.reviewer.token,
        json: { annotationId: await annotation(), stance: "ASSERTS" },
      }),
    )
  ).id;
}

function routesInApp(): { method: string; route: string }[] {
  const root = join(process.cwd(), "app");
  const found: { method: string; route: string }[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === "route.ts" || entry.name === "page.tsx") {
        const route = `/${relative(root, directory)
          .split(sep)
          .filter((part) => part && !part.startsWith("("))
          .join("/")}`;
        if (entry.name === "page.tsx") found.push({ method: "GET", route });
        else {
          for (const method of exportedMethods(readFileSync(path, "utf8"))) found.push({ method, route });
        }
      }
    }
  };
  walk(root);
  return found;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/**
 * The HTTP methods a route file serves: `export const GET = …`, `export { x as GET }`,
 * `export const { GET, POST } = …`; not those it exports as `notAllowed` (its JSON 405).
 */
function exportedMethods(source: string): Set<string> {
  const code = source.replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, "");
  const methods = new Set<string>();
  for (const match of code.matchAll(/export\s+(?:const|(?:async\s+)?function)\s+([A-Z]+)\b/g)) methods.add(match[1]!);
  for (const match of code.matchAll(/export\s+(?:const\s+)?\{([^}]*)\}/g)) {
    for (const name of match[1]!.split(",")) {
      const [local, exported = local] = name.trim().split(/\s+as\s+/);
      if (local !== "notAllowed") methods.add(exported!);
    }
  }
  return new Set([...methods].filter((name) => METHODS.includes(name)));
}

async function request(caller: TestUser | null, method: string, call: Call): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { ...call.headers };
  if (caller) headers.authorization = `Bearer ${caller.token}`;
  if (call.json !== undefined) headers["content-type"] = "application/json";
  const controller = new AbortController();
  const response = await fetch(`${baseUrl()}${call.path}`, {
    method,
    headers,
    body: call.json === undefined ? undefined : JSON.stringify(call.json),
    redirect: "manual",
    signal: controller.signal,
  });
  // A live stream never ends: its status and headers are the answer.
  if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
    controller.abort();
    return { status: response.status, text: "" };
  }
  return { status: response.status, text: await response.text() };
}

let fixture: Fixture;
beforeAll(async () => {
  const team = await createProjectWithTeam("Permission matrix");
  const [articleId, secondArticleId] = [await article(team), await article(team)];
  const outletArticle = await created(
    api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title: "Outlet", text: TEXT, sourceName: "Kabul Times" },
    }),
  );
  fixture = {
    team,
    articleId,
    secondArticleId,
    sourceId: outletArticle.source.id,
    annotation: async () =>
      (
        await created(
          api("POST", `/api/v1/articles/${articleId}/annotations`, {
            token: team.reviewer.token,
            json: { ...quote("40 villages were retaken"), tags: ["statistic"] },
          }),
        )
      ).id,
    event: async () =>
      (
        await created(
          api("POST", `/api/v1/projects/${team.id}/events`, {
            token: team.editor.token,
            json: { title: `Event ${fresh()}` },
          }),
        )
      ).id,
  };
  // Another team's project, whose marker must appear in none of the answers.
  const other = await createProjectWithTeam("Other newsroom");
  const marker = `SECRET-${randomUUID()}`;
  const otherArticle = (
    await created(
      api("POST", `/api/v1/projects/${other.id}/articles`, {
        token: other.editor.token,
        json: { title: marker, text: `${marker} villages` },
      }),
    )
  ).id;
  await created(
    api("POST", `/api/v1/articles/${otherArticle}/annotations`, {
      token: other.editor.token,
      json: { start: 0, end: marker.length, exact: marker, note: `villages ${marker}` },
    }),
  );
  secret = { projectId: other.id, articleId: otherArticle, marker };
});

describe("the permission matrix", () => {
  it("lists every route and page in app/, and nothing that is not there", () => {
    const inApp = routesInApp()
      .map(({ method, route }) => `${method} ${route}`)
      .filter((key) => !NOT_CALLED.has(key.split(" ")[1]!));
    const inTable = ROWS.map((row) => `${row.method} ${row.route}`);
    expect(new Set(inTable).size).toBe(inTable.length);
    expect([...inApp].sort()).toEqual([...inTable].sort());
  });

  it("answers every other method of an API route with a JSON 405 naming the allowed ones", async () => {
    const served = new Map<string, string[]>();
    for (const row of ROWS)
      if (row.route.startsWith("/api/v1/") && !row.route.includes("[..."))
        served.set(row.route, [...(served.get(row.route) ?? []), row.method]);
    let checked = 0;
    for (const [route, methods] of served) {
      const path = route.replace(/\[[^\]]+\]/g, "019ab000-0000-7000-8000-00000000dead");
      for (const method of METHODS.filter((candidate) => !methods.includes(candidate))) {
        const response = await api(method, path, {
          token: fixture.team.editor.token,
          json: method === "GET" ? undefined : {},
        });
        expect(response.status, `${method} ${route}`).toBe(405);
        expect(response.body.error.code).toBe("method_not_allowed");
        expect(response.headers.get("allow")!.split(", ").sort()).toEqual([...methods].sort());
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(60);
  });

  const callers = (): Record<Caller, TestUser | null> => ({
    anonymous: null,
    outsider: fixture.team.outsider,
    viewer: fixture.team.viewer,
    reviewer: fixture.team.reviewer,
    editor: fixture.team.editor,
    admin: fixture.team.admin,
  });

  it("POST /api/v1/projects/[projectId]/import?article= (REVIEWER): onto an article of the project", async () => {
    const row = ROWS.find((candidate) => candidate.route === "/api/v1/projects/[projectId]/import")!;
    const webAnnotation = {
      type: "Annotation",
      target: { source: "urn:uuid:elsewhere", selector: { type: "TextQuoteSelector", exact: "Critics called it" } },
    };
    const path = (articleId: string) => `/api/v1/projects/${fixture.team.id}/import?article=${articleId}`;
    // An article of its own: the drafts placed here stay out of the other rows' way.
    const chosen = await created(
      api("POST", `/api/v1/projects/${fixture.team.id}/articles`, {
        token: fixture.team.editor.token,
        json: { title: "Chosen", text: TEXT },
      }),
    );
    for (const caller of CALLERS) {
      const own = await request(callers()[caller], "POST", { path: path(chosen.id), json: webAnnotation });
      expect(own.status, caller).toBe(expected({ ...row, access: "REVIEWER" }, caller));
      // Another project's article is unknown here, whoever asks.
      const foreign = await request(callers()[caller], "POST", { path: path(secret.articleId), json: webAnnotation });
      expect(foreign.status, caller).toBe(own.status === 201 ? 404 : own.status);
      expect(foreign.text).not.toContain(secret.marker);
    }
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route} (${row.access})`, async () => {
      const answers: Record<string, number> = {};
      const wanted: Record<string, number> = {};
      for (const caller of CALLERS) {
        const response = await request(callers()[caller], row.method, await row.call(fixture));
        answers[caller] = response.status;
        wanted[caller] = expected(row, caller);
        // Site admins may see every project; everybody else only their own.
        if (caller !== "admin") {
          expect(response.text, `${caller}: another project's data in the answer`).not.toContain(secret.marker);
          expect(response.text).not.toContain(secret.projectId);
        }
        if (row.route.startsWith("/api/") && response.status >= 400)
          expect(JSON.parse(response.text).error.code, `${caller}: JSON error shape`).toEqual(expect.any(String));
      }
      expect(answers).toEqual(wanted);
    });
  }
});
