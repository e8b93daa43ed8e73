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
    expect(response.body).toMatchObject({ id: expect.any(String), name: "Election week", role: "EDITOR", articleCount: 0 });
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
    expect((await api("GET", `/api/v1/projects/${b.id}`, { token: b.reviewer.token })).body).toMatchObject({ role: "REVIEWER" });

    const adminList = await api("GET", "/api/v1/projects?limit=200", { token: a.admin.token });
    const ids = adminList.body.items.map((project: { id: string }) => project.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect((await api("GET", `/api/v1/projects/${b.id}`, { token: a.admin.token })).body).toMatchObject({ role: "EDITOR" });
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
});
