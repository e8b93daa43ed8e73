import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { api, errorCode } from "../support/api";
import {
  countRows,
  createProjectWithTeam,
  createUser,
  joinProject,
  type TestProject,
  type TestUser,
  withoutCodebookRules,
} from "../support/factories";

const TEXT = "One claim. Two claim. Three claim. Four claim.";
let team: TestProject;
/** A second reviewer, coding blind beside the first. */
let second: TestUser;

async function newArticle(title = "Article"): Promise<string> {
  const response = await api("POST", `/api/v1/projects/${team.id}/articles`, {
    token: team.editor.token,
    json: { title, text: TEXT },
  });
  expect(response.status).toBe(201);
  return response.body.id;
}

async function annotate(articleId: string, quote: string, token: string): Promise<{ id: string; version: number }> {
  const start = TEXT.indexOf(quote);
  const response = await api("POST", `/api/v1/articles/${articleId}/annotations`, {
    token,
    json: { start, end: start + quote.length, exact: quote },
  });
  expect(response.status).toBe(201);
  return response.body;
}

const assign = (articleId: string, userIds: unknown, token = team.editor.token) =>
  api("PUT", `/api/v1/articles/${articleId}/assignees`, { token, json: { userIds } });

const submit = (articleId: string, token: string) =>
  api("POST", `/api/v1/articles/${articleId}/assignment/submit`, { token });

/** The state of `user` on the article, as the project's assignments list gives it to the editor. */
async function stateOf(articleId: string, user: TestUser): Promise<string> {
  const response = await api(
    "GET",
    `/api/v1/projects/${team.id}/assignments?article=${articleId}&assignee=${user.id}`,
    { token: team.editor.token },
  );
  expect(response.status).toBe(200);
  expect(response.body.items).toHaveLength(1);
  return response.body.items[0].state;
}

const review = (id: string, version: number, json: Record<string, unknown>) =>
  api("PATCH", `/api/v1/annotations/${id}`, {
    token: team.editor.token,
    json,
    headers: { "if-match": `"${version}"` },
  });

beforeAll(async () => {
  team = await createProjectWithTeam("Assignments");
  await withoutCodebookRules(team);
  second = await createUser({ label: "second-reviewer" });
  await joinProject(team.id, team.editor, second, "REVIEWER");
});

describe("PUT /articles/:id/assignees", () => {
  it("sets the article's whole list of coders, says who was added and removed, and audits the change", async () => {
    const articleId = await newArticle();
    const first = await assign(articleId, [team.reviewer.id, team.editor.id]);
    expect(first.status).toBe(200);
    expect(first.body.items.map((item: { userId: string }) => item.userId).sort()).toEqual(
      [team.reviewer.id, team.editor.id].sort(),
    );
    expect(first.body.added.sort()).toEqual([team.reviewer.id, team.editor.id].sort());
    expect(first.body.removed).toEqual([]);

    const replaced = await assign(articleId, [team.reviewer.id, second.id]);
    expect(replaced.body.added).toEqual([second.id]);
    expect(replaced.body.removed).toEqual([team.editor.id]);
    const stored = await db().assignment.findMany({ where: { articleId }, select: { userId: true } });
    expect(stored.map((row) => row.userId).sort()).toEqual([team.reviewer.id, second.id].sort());

    const audits = await db().auditEntry.findMany({ where: { entityId: articleId, action: "article.assign" } });
    expect(audits).toHaveLength(2);
    // The same list again changes nothing and records nothing.
    expect((await assign(articleId, [second.id, team.reviewer.id])).body.added).toEqual([]);
    expect(await db().auditEntry.count({ where: { entityId: articleId, action: "article.assign" } })).toBe(2);

    expect((await assign(articleId, [])).body.items).toEqual([]);
    expect(await db().assignment.count({ where: { articleId } })).toBe(0);
  });

  it("notifies the coders newly assigned, not the editor who assigns, nor those assigned already", async () => {
    const articleId = await newArticle("Assigned to be told");
    const assignedNotices = (user: TestUser) =>
      db().notification.count({ where: { userId: user.id, kind: "ASSIGNED", articleId } });
    expect((await assign(articleId, [team.reviewer.id, team.editor.id])).status).toBe(200);
    expect(await assignedNotices(team.reviewer)).toBe(1);
    expect(await assignedNotices(team.editor)).toBe(0);
    expect((await assign(articleId, [team.reviewer.id, second.id])).status).toBe(200);
    expect(await assignedNotices(team.reviewer)).toBe(1);
    expect(await assignedNotices(second)).toBe(1);
    const bell = await api("GET", "/api/v1/notifications?unread=true", { token: second.token });
    expect(bell.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "ASSIGNED", target: expect.objectContaining({ articleId }) }),
      ]),
    );
  });

  it("refuses non-members and viewers (422 naming them), duplicates and bad ids; changes nothing", async () => {
    const articleId = await newArticle();
    await assign(articleId, [team.reviewer.id]);
    const before = await countRows();
    const auditBefore = await db().auditEntry.count();

    const outsider = await assign(articleId, [team.reviewer.id, team.outsider.id]);
    expect(outsider.status).toBe(422);
    expect(outsider.body.error.details.userIds).toEqual([team.outsider.id]);
    expect(outsider.body.error.message).toContain(team.outsider.id);
    const viewer = await assign(articleId, [team.viewer.id]);
    expect(viewer.status).toBe(422);
    expect(viewer.body.error.message).toContain("Viewers do not code");
    expect(viewer.body.error.details.userIds).toEqual([team.viewer.id]);
    expect((await assign(articleId, [second.id, second.id])).status).toBe(422);
    expect((await assign(articleId, ["not-an-id"])).status).toBe(422);
    expect((await assign(articleId, [42])).status).toBe(400);
    expect((await assign(articleId, "everyone")).status).toBe(400);

    expect(await countRows()).toEqual(before);
    expect(await db().auditEntry.count()).toBe(auditBefore);
    const stored = await db().assignment.findMany({ where: { articleId }, select: { userId: true } });
    expect(stored.map((row) => row.userId)).toEqual([team.reviewer.id]);
  });

  it("is for editors only; a member who leaves the project loses their assignments", async () => {
    const articleId = await newArticle();
    expect(errorCode(await assign(articleId, [team.reviewer.id], team.reviewer.token))).toBe("forbidden");
    expect((await assign(articleId, [team.reviewer.id], team.outsider.token)).status).toBe(404);

    const leaving = await createUser({ label: "leaving" });
    await joinProject(team.id, team.editor, leaving, "REVIEWER");
    expect((await assign(articleId, [leaving.id])).status).toBe(200);
    expect((await api("DELETE", `/api/v1/projects/${team.id}/members/me`, { token: leaving.token })).status).toBe(204);
    expect(await db().assignment.count({ where: { articleId } })).toBe(0);
  });
});

describe("a coder's state on an assigned article", () => {
  it("goes not started → in progress → submitted → done, and back to in progress with a new draft", async () => {
    const articleId = await newArticle();
    await assign(articleId, [team.reviewer.id]);
    expect(await stateOf(articleId, team.reviewer)).toBe("not_started");

    const one = await annotate(articleId, "One claim", team.reviewer.token);
    await annotate(articleId, "Two claim", team.reviewer.token);
    expect(await stateOf(articleId, team.reviewer)).toBe("in_progress");
    // Submitting annotations one by one is not saying "I'm done".
    await api("POST", `/api/v1/articles/${articleId}/annotations/submit`, { token: team.reviewer.token });
    expect(await stateOf(articleId, team.reviewer)).toBe("in_progress");

    const done = await submit(articleId, team.reviewer.token);
    expect(done.status).toBe(200);
    expect(done.body.draftsSubmitted).toBe(0);
    expect(done.body.assignment).toMatchObject({
      state: "submitted",
      counts: { draft: 0, submitted: 2, approved: 0, rejected: 0 },
    });
    expect(await db().auditEntry.count({ where: { entityId: articleId, action: "assignment.submit" } })).toBe(1);

    const approved = await review(one.id, 2, { status: "APPROVED" });
    expect(approved.status).toBe(200);
    expect(await stateOf(articleId, team.reviewer)).toBe("submitted");
    const others = (
      await api("GET", `/api/v1/articles/${articleId}/annotations?status=SUBMITTED`, { token: team.editor.token })
    ).body.items;
    await review(others[0].id, others[0].version, { status: "REJECTED", reviewNote: "Not a claim." });
    expect(await stateOf(articleId, team.reviewer)).toBe("done");

    await annotate(articleId, "Three claim", team.reviewer.token);
    expect(await stateOf(articleId, team.reviewer)).toBe("in_progress");
    const again = await submit(articleId, team.reviewer.token);
    expect(again.body).toMatchObject({ draftsSubmitted: 1, assignment: { state: "submitted" } });
  });

  it("is done at once when a coder finds nothing to mark in the article and says so", async () => {
    const articleId = await newArticle();
    await assign(articleId, [second.id]);
    expect((await submit(articleId, second.token)).body.assignment.state).toBe("done");
  });

  it("cannot be submitted by someone the article is not assigned to (409), nor by a viewer (403)", async () => {
    const articleId = await newArticle();
    const before = await countRows();
    expect(errorCode(await submit(articleId, team.reviewer.token))).toBe("conflict");
    expect((await submit(articleId, team.viewer.token)).status).toBe(403);
    expect((await submit(articleId, team.outsider.token)).status).toBe(404);
    expect(await countRows()).toEqual(before);
  });
});

describe("blind coding", () => {
  it("shows a reviewer only their own assignments, and editors and viewers all of them", async () => {
    const articleId = await newArticle("Blind");
    await assign(articleId, [team.reviewer.id, second.id]);
    await annotate(articleId, "One claim", second.token);
    const list = (token: string) =>
      api("GET", `/api/v1/projects/${team.id}/assignments?article=${articleId}`, { token });

    const own = await list(team.reviewer.token);
    expect(own.status).toBe(200);
    expect(own.body.items.map((item: { assignee: { id: string } }) => item.assignee.id)).toEqual([team.reviewer.id]);
    expect(JSON.stringify(own.body)).not.toContain(second.id);
    for (const token of [team.editor.token, team.viewer.token]) expect((await list(token)).body.items).toHaveLength(2);
    // The assignee filter cannot reach round the rule.
    const asked = await api("GET", `/api/v1/projects/${team.id}/assignments?assignee=${second.id}`, {
      token: team.reviewer.token,
    });
    expect(asked.body.items).toEqual([]);
    // My work holds one's own only; the progress is for editors.
    const mine = await api("GET", "/api/v1/assignments", { token: team.reviewer.token });
    expect(JSON.stringify(mine.body)).not.toContain(second.id);
    expect((await api("GET", `/api/v1/projects/${team.id}/progress`, { token: team.reviewer.token })).status).toBe(403);

    // When the project lets reviewers see each other's work, they see each other's states too.
    await api("PATCH", `/api/v1/projects/${team.id}`, {
      token: team.editor.token,
      json: { reviewersSeeEachOther: true },
    });
    try {
      expect((await list(team.reviewer.token)).body.items).toHaveLength(2);
    } finally {
      await api("PATCH", `/api/v1/projects/${team.id}`, {
        token: team.editor.token,
        json: { reviewersSeeEachOther: false },
      });
    }
  });
});

describe("lists", () => {
  it("GET /projects/:id/assignments pages in assignment order and filters by state", async () => {
    const project = await createProjectWithTeam("Assignment pages");
    const articles: string[] = [];
    for (let index = 0; index < 3; index++) {
      const response = await api("POST", `/api/v1/projects/${project.id}/articles`, {
        token: project.editor.token,
        json: { title: `Paged ${index}`, text: TEXT },
      });
      articles.push(response.body.id);
      await api("PUT", `/api/v1/articles/${response.body.id}/assignees`, {
        token: project.editor.token,
        json: { userIds: [project.reviewer.id, project.editor.id] },
      });
    }
    const path = `/api/v1/projects/${project.id}/assignments`;
    const first = await api("GET", `${path}?limit=4`, { token: project.editor.token });
    expect(first.body.items).toHaveLength(4);
    const rest = await api("GET", `${path}?limit=4&cursor=${first.body.nextCursor}`, { token: project.editor.token });
    expect(rest.body).toMatchObject({ nextCursor: null });
    expect(rest.body.items).toHaveLength(2);
    expect(
      [...first.body.items, ...rest.body.items].map((item: { article: { id: string } }) => item.article.id),
    ).toEqual([0, 0, 1, 1, 2, 2].map((index) => articles[index]));
    await api("POST", `/api/v1/articles/${articles[1]}/assignment/submit`, { token: project.reviewer.token });
    const done = await api("GET", `${path}?state=done`, { token: project.editor.token });
    expect(done.body.items.map((item: { article: { id: string } }) => item.article.id)).toEqual([articles[1]]);
    for (const bad of ["state=finished", "article=nope", "assignee=1", "limit=0", "cursor=zzz"])
      expect((await api("GET", `${path}?${bad}`, { token: project.editor.token })).status).toBeGreaterThanOrEqual(400);
  });

  it("My work lists the caller's articles across projects with their last annotation", async () => {
    const coder = await createUser({ label: "coder" });
    const projects = [await createProjectWithTeam("Desk A"), await createProjectWithTeam("Desk B")];
    const articleIds: string[] = [];
    for (const project of projects) {
      await joinProject(project.id, project.editor, coder, "REVIEWER");
      const article = await api("POST", `/api/v1/projects/${project.id}/articles`, {
        token: project.editor.token,
        json: { title: `In ${project.id}`, text: TEXT },
      });
      articleIds.push(article.body.id);
      await api("PUT", `/api/v1/articles/${article.body.id}/assignees`, {
        token: project.editor.token,
        json: { userIds: [coder.id] },
      });
    }
    const start = TEXT.indexOf("Two claim");
    const last = await api("POST", `/api/v1/articles/${articleIds[1]}/annotations`, {
      token: coder.token,
      json: { start, end: start + 9, exact: "Two claim" },
    });
    const mine = await api("GET", "/api/v1/assignments", { token: coder.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items).toMatchObject([
      {
        article: { id: articleIds[0] },
        project: { id: projects[0]!.id },
        state: "not_started",
        lastAnnotationId: null,
      },
      {
        article: { id: articleIds[1] },
        project: { id: projects[1]!.id },
        state: "in_progress",
        lastAnnotationId: last.body.id,
      },
    ]);
    // A deleted project's assignments leave My work.
    await api("DELETE", `/api/v1/projects/${projects[0]!.id}`, { token: projects[0]!.editor.token });
    expect((await api("GET", "/api/v1/assignments", { token: coder.token })).body.items).toHaveLength(1);
  });
});

describe("progress", () => {
  it("counts each coder's states, the share done, the articles waiting, and exports the same as CSV", async () => {
    const project = await createProjectWithTeam("Progress");
    await withoutCodebookRules(project);
    const token = project.editor.token;
    const articles: string[] = [];
    for (const title of ["First", "Second", "=Third"]) {
      const response = await api("POST", `/api/v1/projects/${project.id}/articles`, {
        token,
        json: { title, text: TEXT },
      });
      articles.push(response.body.id);
      await api("PUT", `/api/v1/articles/${response.body.id}/assignees`, {
        token,
        json: { userIds: [project.reviewer.id, project.editor.id] },
      });
    }
    const [first, second] = articles as [string, string, string];
    // Reviewer: done with the first (nothing found), submitted the second (waiting); editor: in progress on the first.
    await api("POST", `/api/v1/articles/${first}/assignment/submit`, { token: project.reviewer.token });
    const start = TEXT.indexOf("One claim");
    for (const [articleId, author] of [
      [second, project.reviewer.token],
      [first, token],
    ] as const)
      await api("POST", `/api/v1/articles/${articleId}/annotations`, {
        token: author,
        json: { start, end: start + 9, exact: "One claim" },
      });
    await api("POST", `/api/v1/articles/${second}/assignment/submit`, { token: project.reviewer.token });

    const progress = await api("GET", `/api/v1/projects/${project.id}/progress?limit=2`, { token });
    expect(progress.status).toBe(200);
    expect(progress.body.overall).toEqual({
      counts: { not_started: 3, in_progress: 1, submitted: 1, done: 1 },
      total: 6,
      percentDone: 16,
    });
    const reviewer = progress.body.coders.find((coder: { id: string }) => coder.id === project.reviewer.id);
    expect(reviewer).toMatchObject({ counts: { not_started: 1, submitted: 1, done: 1 }, total: 3, percentDone: 33 });
    expect(progress.body.waiting).toEqual({ count: 1, articles: [{ id: second, title: "Second" }] });
    expect(progress.body.articles.items.map((article: { id: string }) => article.id)).toEqual([first, second]);
    expect(progress.body.articles.items[1].cells).toContainEqual({
      userId: project.reviewer.id,
      state: "submitted",
      counts: { draft: 0, submitted: 1, approved: 0, rejected: 0 },
    });
    const next = await api(
      "GET",
      `/api/v1/projects/${project.id}/progress?limit=2&cursor=${progress.body.articles.nextCursor}`,
      { token },
    );
    expect(next.body.articles).toMatchObject({ items: [{ id: articles[2] }], nextCursor: null });

    const csv = await api("GET", `/api/v1/projects/${project.id}/progress?format=csv`, { token });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (csv.body as string).trimEnd().split("\r\n");
    expect(lines[0]).toBe("article_id,article,coder_id,coder,email,state,drafts,submitted,approved,rejected");
    expect(lines).toHaveLength(7);
    expect(lines).toContain(
      `${second},Second,${project.reviewer.id},reviewer,${project.reviewer.email},submitted,0,1,0,0`,
    );
    // A title a spreadsheet would run as a formula is escaped.
    expect(lines.filter((line) => line.includes("'=Third"))).toHaveLength(2);

    expect((await api("GET", `/api/v1/projects/${project.id}/progress?format=xml`, { token })).status).toBe(422);
  });
});
