import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/api";
import { createProjectWithTeam, type TestProject } from "../support/factories";

let team: TestProject;
let articleId: string;
const TEXT = "One claim. Two claim. Three claim. Four claim.";

async function annotate(quote: string, token = team.reviewer.token) {
  const start = TEXT.indexOf(quote);
  return (await api("POST", `/api/v1/articles/${articleId}/annotations`, { token, json: { start, end: start + quote.length, exact: quote } })).body as { id: string; version: number };
}

const patch = (id: string, version: number, json: Record<string, unknown>, token: string) => api("PATCH", `/api/v1/annotations/${id}`, { token, json, headers: { "if-match": `"${version}"` } });

beforeAll(async () => {
  team = await createProjectWithTeam("Review");
  articleId = (await api("POST", `/api/v1/projects/${team.id}/articles`, { token: team.editor.token, json: { title: "t", text: TEXT } })).body.id;
});

describe("review workflow", () => {
  it("the author submits; an editor approves or rejects with a reason; others may not", async () => {
    const one = await annotate("One claim");
    const submitted = await patch(one.id, one.version, { status: "SUBMITTED" }, team.reviewer.token);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe("SUBMITTED");
    expect((await patch(one.id, submitted.body.version, { status: "APPROVED" }, team.reviewer.token)).status).toBe(403);
    expect((await patch(one.id, submitted.body.version, { status: "REJECTED" }, team.editor.token)).status).toBe(422);
    const rejected = await patch(one.id, submitted.body.version, { status: "REJECTED", reviewNote: "Not a claim: a headline." }, team.editor.token);
    expect(rejected.body).toMatchObject({ status: "REJECTED", reviewNote: "Not a claim: a headline." });
    const approved = await patch(one.id, rejected.body.version, { status: "APPROVED" }, team.editor.token);
    expect(approved.body).toMatchObject({ status: "APPROVED", reviewNote: null });
    const editors = await annotate("Four claim", team.editor.token);
    expect((await patch(editors.id, editors.version, { status: "SUBMITTED" }, team.reviewer.token)).status).toBe(404);
    expect((await patch(one.id, approved.body.version, { status: "DRAFT" }, team.viewer.token)).status).toBe(403);
  });

  it("submits all of one's drafts on an article at once, and filters by status", async () => {
    await annotate("Two claim");
    await annotate("Three claim");
    const response = await api("POST", `/api/v1/articles/${articleId}/annotations/submit`, { token: team.reviewer.token });
    expect(response.status).toBe(200);
    expect(response.body.submitted).toBe(2);
    expect((await api("POST", `/api/v1/articles/${articleId}/annotations/submit`, { token: team.viewer.token })).status).toBe(403);
    const submitted = await api("GET", `/api/v1/articles/${articleId}/annotations?status=SUBMITTED`, { token: team.editor.token });
    expect(submitted.body.items.map((annotation: { exact: string }) => annotation.exact)).toEqual(["Two claim", "Three claim"]);
    // Blind coding: a reviewer sees the approved annotations of others, not their drafts.
    const other = await api("GET", `/api/v1/articles/${articleId}/annotations`, { token: team.reviewer.token });
    expect(other.body.items.map((annotation: { exact: string }) => annotation.exact)).toEqual(["One claim", "Two claim", "Three claim"]);
  });
});

describe("blind coding setting", () => {
  it("is on by default; an editor lets reviewers see each other's work, and only an editor may", async () => {
    const project = await createProjectWithTeam("Blind");
    const article = (await api("POST", `/api/v1/projects/${project.id}/articles`, { token: project.editor.token, json: { title: "t", text: "Shared text." } })).body;
    await api("POST", `/api/v1/articles/${article.id}/annotations`, { token: project.editor.token, json: { start: 0, end: 6, exact: "Shared" } });
    const seen = async () => (await api("GET", `/api/v1/articles/${article.id}/annotations`, { token: project.reviewer.token })).body.items.length;
    expect((await api("GET", `/api/v1/projects/${project.id}`, { token: project.reviewer.token })).body.reviewersSeeEachOther).toBe(false);
    expect(await seen()).toBe(0);
    expect((await api("PATCH", `/api/v1/projects/${project.id}`, { token: project.reviewer.token, json: { reviewersSeeEachOther: true } })).status).toBe(403);
    expect((await api("PATCH", `/api/v1/projects/${project.id}`, { token: project.editor.token, json: { reviewersSeeEachOther: "yes" } })).status).toBe(400);
    const changed = await api("PATCH", `/api/v1/projects/${project.id}`, { token: project.editor.token, json: { reviewersSeeEachOther: true } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ reviewersSeeEachOther: true, role: "EDITOR" });
    expect(await seen()).toBe(1);
  });
});

describe("counts under blind coding", () => {
  it("an article's annotation count and an event's link count are what the caller may see, for every role", async () => {
    const project = await createProjectWithTeam("Blind counts");
    const article = (await api("POST", `/api/v1/projects/${project.id}/articles`, { token: project.editor.token, json: { title: "t", text: "Shared text. Own text." } })).body;
    const event = (await api("POST", `/api/v1/projects/${project.id}/events`, { token: project.editor.token, json: { title: "Something happened" } })).body;
    const annotateAndLink = async (token: string, exact: string) => {
      const start = "Shared text. Own text.".indexOf(exact);
      const annotation = (await api("POST", `/api/v1/articles/${article.id}/annotations`, { token, json: { start, end: start + exact.length, exact } })).body;
      expect((await api("POST", `/api/v1/events/${event.id}/links`, { token, json: { annotationId: annotation.id, stance: "ASSERTS" } })).status).toBe(201);
    };
    await annotateAndLink(project.editor.token, "Shared text.");
    await annotateAndLink(project.reviewer.token, "Own text.");
    const counts = async (token: string) => ({
      listed: (await api("GET", `/api/v1/projects/${project.id}/articles`, { token })).body.items[0].annotationCount,
      article: (await api("GET", `/api/v1/articles/${article.id}`, { token })).body.annotationCount,
      events: (await api("GET", `/api/v1/projects/${project.id}/events`, { token })).body.items[0].linkCount,
      event: (await api("GET", `/api/v1/events/${event.id}`, { token })).body.linkCount,
    });
    // The editor's draft is hidden from the reviewer coding blind, in the counts as in the lists.
    expect(await counts(project.reviewer.token)).toEqual({ listed: 1, article: 1, events: 1, event: 1 });
    expect(await counts(project.editor.token)).toEqual({ listed: 2, article: 2, events: 2, event: 2 });
    expect(await counts(project.viewer.token)).toEqual({ listed: 2, article: 2, events: 2, event: 2 });
    await api("PATCH", `/api/v1/projects/${project.id}`, { token: project.editor.token, json: { reviewersSeeEachOther: true } });
    expect(await counts(project.reviewer.token)).toEqual({ listed: 2, article: 2, events: 2, event: 2 });
  });
});
