import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DEFAULT_CODEBOOK } from "@/lib/codebook/defaults";
import { api, errorCode } from "../support/api";
import { countRows, createProjectWithTeam, createUser } from "../support/factories";

describe("projects", () => {
  it("creates a project with the caller as editor and the default codebook", async () => {
    const user = await createUser({ label: "creator" });
    const response = await api("POST", "/api/v1/projects", {
      token: user.token,
      json: { name: "Election week", description: "Who said what" },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.any(String),
      name: "Election week",
      role: "EDITOR",
      articleCount: 0,
    });
    const membership = await db().membership.findUniqueOrThrow({
      where: { projectId_userId: { projectId: response.body.id, userId: user.id } },
    });
    expect(membership.role).toBe("EDITOR");
    const tagCount = DEFAULT_CODEBOOK.reduce((sum, group) => sum + group.tags.length, 0);
    expect(await db().tag.count({ where: { projectId: response.body.id } })).toBe(tagCount);
    expect(await db().auditEntry.count({ where: { projectId: response.body.id, action: "project.create" } })).toBe(1);
  });

  it("lists only the caller's projects; a site admin sees all", async () => {
    const a = await createProjectWithTeam("Desk A");
    const b = await createProjectWithTeam("Desk B");
    const listA = await api("GET", "/api/v1/projects?limit=200", { token: a.viewer.token });
    expect(listA.body.items.map((project: { id: string }) => project.id)).toEqual([a.id]);
    expect(listA.body.items[0]).toMatchObject({ role: "VIEWER", name: "Desk A" });
    expect((await api("GET", `/api/v1/projects/${b.id}`, { token: a.editor.token })).status).toBe(404);
    expect((await api("GET", `/api/v1/projects/${b.id}`, { token: b.reviewer.token })).body).toMatchObject({
      role: "REVIEWER",
    });

    const adminList = await api("GET", "/api/v1/projects?limit=200", { token: a.admin.token });
    const ids = adminList.body.items.map((project: { id: string }) => project.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect((await api("GET", `/api/v1/projects/${b.id}`, { token: a.admin.token })).body).toMatchObject({
      role: "EDITOR",
    });
  });

  it("refuses bad input and creates nothing", async () => {
    const user = await createUser({ label: "bad-project" });
    const before = await countRows();
    const cases = [
      { json: { name: "" }, status: 422 },
      { json: { name: 7 }, status: 400 },
      { json: {}, status: 422 },
      { json: { name: "x".repeat(201) }, status: 422 },
      { json: { name: "ok", owner: "someone" }, status: 400 },
    ];
    for (const { json, status } of cases) {
      const response = await api("POST", "/api/v1/projects", { token: user.token, json });
      expect(response.status, JSON.stringify(json)).toBe(status);
      errorCode(response);
    }
    expect(await countRows()).toEqual(before);
  });

  it("answers unknown API paths with a JSON 404", async () => {
    const user = await createUser({ label: "lost" });
    const response = await api("GET", "/api/v1/nothing/here", { token: user.token });
    expect(response.status).toBe(404);
    expect(errorCode(response)).toBe("not_found");
  });

  it("deletes a project (editors only): it leaves every list, and it and everything in it answer 404", async () => {
    const team = await createProjectWithTeam("Desk to delete");
    const text = "The ministry said 40 villages were retaken.";
    const article = (
      await api("POST", `/api/v1/projects/${team.id}/articles`, {
        token: team.editor.token,
        json: { title: "Doomed", text, sourceName: "Kabul Times" },
      })
    ).body;
    const annotation = (
      await api("POST", `/api/v1/articles/${article.id}/annotations`, {
        token: team.reviewer.token,
        json: { start: 18, end: 42, exact: "40 villages were retaken", tags: ["statistic"] },
      })
    ).body;
    const event = (
      await api("POST", `/api/v1/projects/${team.id}/events`, {
        token: team.editor.token,
        json: { title: "Villages retaken" },
      })
    ).body;
    const link = (
      await api("POST", `/api/v1/events/${event.id}/links`, {
        token: team.reviewer.token,
        json: { annotationId: annotation.id, stance: "ASSERTS" },
      })
    ).body;
    const comment = (
      await api("POST", `/api/v1/annotations/${annotation.id}/comments`, {
        token: team.reviewer.token,
        json: { text: "Source?" },
      })
    ).body;
    const tag = (await api("GET", `/api/v1/projects/${team.id}/tags`, { token: team.editor.token })).body.items[0];
    for (const id of [article.id, annotation.id, event.id, link.id, comment.id, tag.id])
      expect(id).toEqual(expect.any(String));

    expect((await api("DELETE", `/api/v1/projects/${team.id}`, { token: team.viewer.token })).status).toBe(403);
    expect((await api("DELETE", `/api/v1/projects/${team.id}`, { token: team.reviewer.token })).status).toBe(403);
    expect((await api("DELETE", `/api/v1/projects/${team.id}`, { token: team.outsider.token })).status).toBe(404);
    expect((await api("GET", `/api/v1/projects/${team.id}`, { token: team.viewer.token })).status).toBe(200);

    const deleted = await api("DELETE", `/api/v1/projects/${team.id}`, { token: team.editor.token });
    expect(deleted.status).toBe(204);
    expect(
      await db().auditEntry.count({ where: { projectId: team.id, action: "project.delete", actorId: team.editor.id } }),
    ).toBe(1);

    for (const caller of [team.editor, team.viewer, team.admin]) {
      const listed = await api("GET", "/api/v1/projects?limit=200", { token: caller.token });
      expect(listed.body.items.map((project: { id: string }) => project.id)).not.toContain(team.id);
      for (const path of [
        `/api/v1/projects/${team.id}`,
        `/api/v1/projects/${team.id}/articles`,
        `/api/v1/projects/${team.id}/events`,
        `/api/v1/projects/${team.id}/sources`,
        `/api/v1/projects/${team.id}/compare?a=${article.id}&b=${article.id}`,
        `/api/v1/projects/${team.id}/export?format=json`,
        `/api/v1/projects/${team.id}/search?q=villages`,
        `/api/v1/articles/${article.id}`,
        `/api/v1/articles/${article.id}/annotations`,
        `/api/v1/annotations/${annotation.id}`,
        `/api/v1/annotations/${annotation.id}/comments`,
        `/api/v1/events/${event.id}`,
        `/api/v1/sources/${article.source.id}`,
      ]) {
        const answer = await api("GET", path, { token: caller.token });
        expect({ path, status: answer.status, code: errorCode(answer) }).toEqual({
          path,
          status: 404,
          code: "not_found",
        });
      }
    }
    const before = await countRows();
    for (const [method, path, json] of [
      ["DELETE", `/api/v1/projects/${team.id}`, undefined],
      ["PATCH", `/api/v1/projects/${team.id}`, { name: "Back" }],
      ["POST", `/api/v1/projects/${team.id}/articles`, { title: "More", text: "More text." }],
      ["POST", `/api/v1/articles/${article.id}/annotations`, { start: 0, end: 3, exact: "The" }],
      ["PATCH", `/api/v1/tags/${tag.id}`, { description: "d" }],
      ["PATCH", `/api/v1/links/${link.id}`, { stance: "DISPUTES" }],
      ["PATCH", `/api/v1/comments/${comment.id}`, { text: "Which?" }],
    ] as const) {
      const answer = await api(method, path, { token: team.editor.token, json });
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
    }
    expect(await countRows()).toEqual(before);
    // A soft delete: the work is still in the database.
    expect(await db().annotation.count({ where: { projectId: team.id, deletedAt: null } })).toBe(1);
  });
});
