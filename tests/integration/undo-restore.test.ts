import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { api } from "../support/api";
import { createProjectWithTeam, type TestProject, withoutCodebookRules } from "../support/factories";

let team: TestProject;
let articleId: string;
const TEXT = "The governor said 12 schools reopened. Parents said classes are still cancelled. Roads were closed.";

async function annotate(quote: string, tags: string[], token: string) {
  const start = TEXT.indexOf(quote);
  const response = await api("POST", `/api/v1/articles/${articleId}/annotations`, {
    token,
    json: { start, end: start + quote.length, exact: quote, tags },
  });
  expect(response.status).toBe(201);
  return response.body as { id: string; version: number };
}

const settle = (json: unknown, token = team.editor.token) =>
  api("POST", `/api/v1/articles/${articleId}/adjudication`, { token, json });
const undoSettle = (json: unknown, token = team.editor.token) =>
  api("POST", `/api/v1/articles/${articleId}/adjudication/undo`, { token, json });
const stateOf = async (id: string) => {
  const row = await db().annotation.findUniqueOrThrow({
    where: { id },
    select: {
      status: true,
      reviewNote: true,
      version: true,
      deletedAt: true,
      anchor: true,
      tags: { select: { tag: { select: { name: true } } } },
    },
  });
  return { ...row, tags: row.tags.map(({ tag }) => tag.name).sort() };
};
const auditActions = async () =>
  (
    await db().auditEntry.findMany({ where: { projectId: team.id }, orderBy: { id: "asc" }, select: { action: true } })
  ).map((entry) => entry.action);
const restore = (kind: string, id: string, token: string) => api("POST", `/api/v1/${kind}/${id}/restore`, { token });

beforeAll(async () => {
  team = await createProjectWithTeam("Undo");
  await withoutCodebookRules(team);
  articleId = (
    await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title: "Schools", text: TEXT },
    })
  ).body.id;
});

describe("adjudication of a settled unit", () => {
  it("refuses to overturn an accepted version without overturn: true (409 saying what, nothing changed)", async () => {
    const reviewers = await annotate("12 schools reopened", ["statistic"], team.reviewer.token);
    const editors = await annotate("12 schools reopened", ["factual claim"], team.editor.token);
    const first = await settle({
      accept: reviewers.id,
      versions: { [reviewers.id]: 1, [editors.id]: 1 },
    });
    expect(first.status).toBe(200);
    const before = [await stateOf(reviewers.id), await stateOf(editors.id)];
    const audited = await auditActions();

    // Accepting the other version would reject the accepted one.
    const refused = await settle({ accept: editors.id, versions: { [reviewers.id]: 2, [editors.id]: 2 } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain("reviewer's accepted version will be rejected.");
    expect(refused.body.error.message).toContain('"overturn": true');
    expect(refused.body.error.details.overturns).toEqual([
      { annotationId: reviewers.id, author: "reviewer", change: "rejected" },
    ]);
    // Merging other tags into the accepted version changes it too.
    const retag = await settle({
      accept: reviewers.id,
      versions: { [reviewers.id]: 2, [editors.id]: 2 },
      tags: ["statistic", "factual claim"],
    });
    expect(retag.status).toBe(409);
    expect(retag.body.error.message).toContain("reviewer's accepted version will get other tags.");
    expect([await stateOf(reviewers.id), await stateOf(editors.id)]).toEqual(before);
    expect(await auditActions()).toEqual(audited);

    // Accepting it again as it is overturns nothing.
    expect((await settle({ accept: reviewers.id, versions: { [reviewers.id]: 2, [editors.id]: 2 } })).status).toBe(200);
    const overturned = await settle({
      accept: editors.id,
      versions: { [reviewers.id]: 3, [editors.id]: 3 },
      overturn: true,
    });
    expect(overturned.status).toBe(200);
    expect(await stateOf(reviewers.id)).toMatchObject({ status: "REJECTED" });
    expect(await stateOf(editors.id)).toMatchObject({ status: "APPROVED" });

    // Undone: the reviewer's version is the accepted one again, the editor's rejected, as before the overturn.
    const undone = await undoSettle({ versions: { [editors.id]: 4, [reviewers.id]: 4 } });
    expect(undone.status).toBe(200);
    expect(await stateOf(reviewers.id)).toMatchObject({ status: "APPROVED", version: 5, reviewNote: null });
    expect(await stateOf(editors.id)).toMatchObject({
      status: "REJECTED",
      reviewNote: "Another version was accepted in adjudication.",
    });
  });

  it("undoes a decision, merged tags included, all or nothing (editors; audited)", async () => {
    const mine = await annotate("classes are still cancelled", ["opinion"], team.reviewer.token);
    const theirs = await annotate("classes are still cancelled", ["factual claim"], team.editor.token);
    const before = [await stateOf(mine.id), await stateOf(theirs.id)];
    const decided = await settle({
      accept: mine.id,
      versions: { [mine.id]: 1, [theirs.id]: 1 },
      tags: ["opinion", "factual claim"],
    });
    expect(decided.status).toBe(200);
    const versions = { [mine.id]: 2, [theirs.id]: 2 };

    expect((await undoSettle({ versions }, team.reviewer.token)).status).toBe(403);
    // A version that moved on: 412, and the other one is not undone either.
    const stale = await undoSettle({ versions: { [mine.id]: 2, [theirs.id]: 1 } });
    expect(stale.status).toBe(412);
    expect(stale.body.error.details.annotationId).toBe(theirs.id);
    expect(await stateOf(mine.id)).toMatchObject({ status: "APPROVED", version: 2 });

    const undone = await undoSettle({ versions });
    expect(undone.status).toBe(200);
    expect(undone.body.items.map((item: { status: string }) => item.status)).toEqual(["DRAFT", "DRAFT"]);
    expect([await stateOf(mine.id), await stateOf(theirs.id)]).toEqual(
      before.map((state) => ({ ...state, version: 3 })),
    );
    expect((await auditActions()).slice(-2)).toEqual(["annotation.undo", "annotation.undo"]);
    // Nothing left to undo.
    const again = await undoSettle({ versions: { [mine.id]: 3, [theirs.id]: 3 } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("not an approval or a rejection");
  });

  it("undoes an editor's rejection of one annotation (If-Match the version it left)", async () => {
    const claim = await annotate("Roads were closed", ["factual claim"], team.reviewer.token);
    await api("PATCH", `/api/v1/annotations/${claim.id}`, {
      token: team.reviewer.token,
      json: { status: "SUBMITTED" },
      headers: { "if-match": '"1"' },
    });
    const rejected = await api("PATCH", `/api/v1/annotations/${claim.id}`, {
      token: team.editor.token,
      json: { status: "REJECTED", reviewNote: "No source" },
      headers: { "if-match": '"2"' },
    });
    expect(rejected.status).toBe(200);
    const path = `/api/v1/annotations/${claim.id}/undo-review`;
    expect((await api("POST", path, { token: team.editor.token })).status).toBe(428);
    expect((await api("POST", path, { token: team.reviewer.token, headers: { "if-match": '"3"' } })).status).toBe(403);
    expect(await stateOf(claim.id)).toMatchObject({ status: "REJECTED", version: 3 });
    const undone = await api("POST", path, { token: team.editor.token, headers: { "if-match": '"3"' } });
    expect(undone.status).toBe(200);
    expect(undone.headers.get("etag")).toBe('"4"');
    expect(await stateOf(claim.id)).toMatchObject({ status: "SUBMITTED", reviewNote: null, version: 4 });
  });
});

describe("restoring what was deleted", () => {
  it("brings an annotation back with its tags, comments and links (its author or an editor; audited)", async () => {
    const claim = await annotate("Parents said", ["statistic"], team.reviewer.token);
    const event = (
      await api("POST", `/api/v1/projects/${team.id}/events`, { token: team.editor.token, json: { title: "Strike" } })
    ).body;
    const link = (
      await api("POST", `/api/v1/events/${event.id}/links`, {
        token: team.reviewer.token,
        json: { annotationId: claim.id, stance: "ASSERTS" },
      })
    ).body;
    await api("POST", `/api/v1/annotations/${claim.id}/comments`, { token: team.editor.token, json: { text: "Who?" } });
    const deleted = await api("DELETE", `/api/v1/annotations/${claim.id}`, {
      token: team.reviewer.token,
      headers: { "if-match": '"1"' },
    });
    expect(deleted.status).toBe(204);

    expect((await restore("annotations", claim.id, team.viewer.token)).status).toBe(403);
    expect((await restore("annotations", claim.id, team.outsider.token)).status).toBe(404);
    expect((await restore("annotations", "not-an-id", team.reviewer.token)).status).toBe(404);
    expect((await stateOf(claim.id)).deletedAt).not.toBeNull();

    const restored = await restore("annotations", claim.id, team.reviewer.token);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: claim.id, version: 3, anchor: "exact" });
    expect(restored.body.tags.map((tag: { name: string }) => tag.name)).toEqual(["statistic"]);
    const comments = await api("GET", `/api/v1/annotations/${claim.id}/comments`, { token: team.reviewer.token });
    expect(comments.body.items.map((comment: { text: string }) => comment.text)).toEqual(["Who?"]);
    const links = await api("GET", `/api/v1/articles/${articleId}/links`, { token: team.editor.token });
    expect(links.body.items.map((item: { id: string }) => item.id)).toContain(link.id);
    expect((await auditActions()).at(-1)).toBe("annotation.restore");
    const again = await restore("annotations", claim.id, team.reviewer.token);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe("This annotation is not deleted.");
  });

  it("brings a comment back into its thread; not while its annotation is deleted (409)", async () => {
    const claim = await annotate("The governor said", [], team.reviewer.token);
    const comment = (
      await api("POST", `/api/v1/annotations/${claim.id}/comments`, {
        token: team.reviewer.token,
        json: { text: "Hm" },
      })
    ).body;
    expect((await api("DELETE", `/api/v1/comments/${comment.id}`, { token: team.editor.token })).status).toBe(204);
    expect((await restore("comments", comment.id, team.viewer.token)).status).toBe(403);
    const restored = await restore("comments", comment.id, team.reviewer.token);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: comment.id, text: "Hm", author: { id: team.reviewer.id } });
    expect((await auditActions()).at(-1)).toBe("comment.restore");

    await api("DELETE", `/api/v1/comments/${comment.id}`, { token: team.reviewer.token });
    await api("DELETE", `/api/v1/annotations/${claim.id}`, {
      token: team.reviewer.token,
      headers: { "if-match": '"1"' },
    });
    const orphaned = await restore("comments", comment.id, team.editor.token);
    expect(orphaned.status).toBe(409);
    expect(orphaned.body.error.message).toContain("restore the annotation first");
  });

  it("brings an event back with its links; 409 when its title is taken meanwhile or it was merged", async () => {
    const claim = await annotate("schools reopened", [], team.editor.token);
    const event = (
      await api("POST", `/api/v1/projects/${team.id}/events`, {
        token: team.editor.token,
        json: { title: "Schools reopen" },
      })
    ).body;
    await api("POST", `/api/v1/events/${event.id}/links`, {
      token: team.editor.token,
      json: { annotationId: claim.id, stance: "ASSERTS" },
    });
    expect((await api("DELETE", `/api/v1/events/${event.id}`, { token: team.editor.token })).status).toBe(204);
    expect((await restore("events", event.id, team.reviewer.token)).status).toBe(403);
    const restored = await restore("events", event.id, team.editor.token);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: event.id, title: "Schools reopen", linkCount: 1 });

    await api("DELETE", `/api/v1/events/${event.id}`, { token: team.editor.token });
    const taken = (
      await api("POST", `/api/v1/projects/${team.id}/events`, {
        token: team.editor.token,
        json: { title: "SCHOOLS REOPEN" },
      })
    ).body;
    const clash = await restore("events", event.id, team.editor.token);
    expect(clash.status).toBe(409);
    expect(clash.body.error.details).toEqual({ field: "title", eventId: taken.id });
    expect(await db().event.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
      deletedAt: expect.any(Date),
    });

    const merged = (
      await api("POST", `/api/v1/projects/${team.id}/events`, { token: team.editor.token, json: { title: "Dup" } })
    ).body;
    await api("POST", `/api/v1/events/${merged.id}/merge`, { token: team.editor.token, json: { into: taken.id } });
    const mergedRestore = await restore("events", merged.id, team.editor.token);
    expect(mergedRestore.status).toBe(409);
    expect(mergedRestore.body.error.message).toContain("merged");
  });

  it("links a claim again as the removed link was; 409 when it is linked again already", async () => {
    const claim = await annotate("Roads were", [], team.reviewer.token);
    const event = (
      await api("POST", `/api/v1/projects/${team.id}/events`, { token: team.editor.token, json: { title: "Roads" } })
    ).body;
    const link = (
      await api("POST", `/api/v1/events/${event.id}/links`, {
        token: team.reviewer.token,
        json: { annotationId: claim.id, stance: "DISPUTES", attributedTo: "Police", note: "Says who" },
      })
    ).body;
    expect((await api("DELETE", `/api/v1/links/${link.id}`, { token: team.reviewer.token })).status).toBe(204);
    expect((await restore("links", link.id, team.viewer.token)).status).toBe(403);
    const restored = await restore("links", link.id, team.reviewer.token);
    expect(restored.status).toBe(200);
    expect(restored.body).toEqual(link);
    expect((await auditActions()).at(-1)).toBe("link.restore");
    expect((await restore("links", link.id, team.reviewer.token)).status).toBe(409);

    await api("DELETE", `/api/v1/links/${link.id}`, { token: team.editor.token });
    const relinked = (
      await api("POST", `/api/v1/events/${event.id}/links`, {
        token: team.reviewer.token,
        json: { annotationId: claim.id, stance: "ASSERTS" },
      })
    ).body;
    const clash = await restore("links", link.id, team.editor.token);
    expect(clash.status).toBe(409);
    expect(clash.body.error.details).toEqual({ linkId: relinked.id });
  });
});

describe("history filters", () => {
  it("filters by kind of change in words, person and days; each entry links to its thing", async () => {
    const history = (query: string) =>
      api("GET", `/api/v1/projects/${team.id}/audit?${query}`, { token: team.editor.token });
    const deletions = await history("kind=annotation.delete");
    expect(deletions.status).toBe(200);
    expect(deletions.body.items.length).toBeGreaterThan(0);
    expect(deletions.body.items.every((entry: { action: string }) => entry.action === "annotation.delete")).toBe(true);
    expect(deletions.body.items[0].href).toMatch(new RegExp(`^/articles/${articleId}#annotation-`));

    const rejections = await history("kind=annotation.reject");
    expect(rejections.body.items.length).toBeGreaterThan(0);
    expect(rejections.body.items.every((entry: { after: { status: string } }) => entry.after.status === "REJECTED"));
    const approvals = await history(`kind=annotation.approve&actor=${team.editor.id}`);
    expect(approvals.body.items.length).toBeGreaterThan(0);
    for (const entry of approvals.body.items) {
      expect(entry.after.status).toBe("APPROVED");
      expect(entry.before.status).not.toBe("APPROVED");
      expect(entry.actor.id).toBe(team.editor.id);
    }
    expect((await history(`kind=comment.delete&actor=${team.viewer.id}`)).body.items).toEqual([]);

    const today = new Date().toISOString().slice(0, 10);
    const all = (await history("limit=200")).body.items.length;
    expect((await history(`from=${today}&to=${today}&limit=200`)).body.items).toHaveLength(all);
    expect((await history("from=2020-01-01&to=2020-12-31")).body.items).toEqual([]);
    expect((await history("from=2999-01-01")).body.items).toEqual([]);
    expect((await history("from=0001-01-01&limit=1")).body.items).toHaveLength(1);

    for (const bad of [
      "kind=annotation.explode",
      "from=yesterday",
      "from=2021-02-30",
      "from=2022-01-02&to=2022-01-01",
    ]) {
      const response = await history(bad);
      expect(response.status, bad).toBe(422);
    }
    expect(
      (await api("GET", `/api/v1/projects/${team.id}/audit?kind=annotation.delete`, { token: team.reviewer.token }))
        .status,
    ).toBe(403);
  });
});
