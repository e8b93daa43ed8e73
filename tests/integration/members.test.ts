import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/api";
import {
  countRows,
  createProjectWithTeam,
  createUser,
  joinProject,
  type TestProject,
  type TestUser,
} from "../support/factories";

let team: TestProject;
let newcomer: TestUser;

beforeAll(async () => {
  team = await createProjectWithTeam("Members");
  newcomer = await createUser({ label: "newcomer" });
});

const members = (token = team.viewer.token) => api("GET", `/api/v1/projects/${team.id}/members`, { token });

describe("members and roles", () => {
  it("lists the members with their roles to every member, editors first; outsiders get 404", async () => {
    const response = await members();
    expect(response.status).toBe(200);
    expect(response.body.items.map((member: { role: string }) => member.role)).toEqual([
      "EDITOR",
      "REVIEWER",
      "VIEWER",
    ]);
    expect(Object.keys(response.body.items[0]).sort()).toEqual(["email", "name", "role", "userId"]);
    expect((await members(team.outsider.token)).status).toBe(404);
  });

  it("pages like every list: limit and cursor walk the same order, a bad cursor is 400", async () => {
    const project = await createProjectWithTeam("Many members");
    for (const label of ["m1", "m2", "m3", "m4"])
      await joinProject(project.id, project.editor, await createUser({ label }), "viewer");
    const all = await api("GET", `/api/v1/projects/${project.id}/members`, { token: project.viewer.token });
    expect(all.body.items).toHaveLength(7);
    expect(all.body.nextCursor).toBeNull();
    const walked: unknown[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? "" : `&cursor=${cursor}`;
      const page = await api("GET", `/api/v1/projects/${project.id}/members?limit=3${query}`, {
        token: project.viewer.token,
      });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      walked.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(walked).toEqual(all.body.items);
    const bad = await api("GET", `/api/v1/projects/${project.id}/members?cursor=nonsense`, {
      token: project.viewer.token,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("bad_request");
  });

  it(
    "lets editors invite (others get 403), re-role and remove members; the invited join by accepting; annotations " +
      "stay " +
      "attributed",
    async () => {
      for (const token of [team.reviewer.token, team.viewer.token]) {
        expect(
          (
            await api("POST", `/api/v1/projects/${team.id}/invitations`, {
              token,
              json: { email: newcomer.email, role: "VIEWER" },
            })
          ).status,
        ).toBe(403);
      }
      const invited = await api("POST", `/api/v1/projects/${team.id}/invitations`, {
        token: team.editor.token,
        json: { email: newcomer.email, role: "REVIEWER" },
      });
      expect(invited.status).toBe(201);
      // Nobody joins without accepting.
      expect((await api("GET", `/api/v1/projects/${team.id}`, { token: newcomer.token })).status).toBe(404);
      expect(
        (
          await api("POST", `/api/v1/projects/${team.id}/invitations`, {
            token: team.editor.token,
            json: { email: newcomer.email, role: "OWNER" },
          })
        ).status,
      ).toBe(422);
      const accepted = await api("POST", `/api/v1/invitations/${invited.body.id}/accept`, { token: newcomer.token });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toEqual({ projectId: team.id, role: "REVIEWER" });
      expect((await api("GET", `/api/v1/projects/${team.id}`, { token: newcomer.token })).body.role).toBe("REVIEWER");
      // A member is not invited again.
      expect(
        (
          await api("POST", `/api/v1/projects/${team.id}/invitations`, {
            token: team.editor.token,
            json: { email: newcomer.email, role: "VIEWER" },
          })
        ).status,
      ).toBe(409);

      const article = await api("POST", `/api/v1/projects/${team.id}/articles`, {
        token: team.editor.token,
        json: { title: "t", text: "A claim." },
      });
      const annotation = await api("POST", `/api/v1/articles/${article.body.id}/annotations`, {
        token: newcomer.token,
        json: { start: 0, end: 7, exact: "A claim" },
      });
      expect(annotation.status).toBe(201);

      expect(
        (
          await api("PATCH", `/api/v1/projects/${team.id}/members/${newcomer.id}`, {
            token: team.reviewer.token,
            json: { role: "EDITOR" },
          })
        ).status,
      ).toBe(403);
      const promoted = await api("PATCH", `/api/v1/projects/${team.id}/members/${newcomer.id}`, {
        token: team.editor.token,
        json: { role: "VIEWER" },
      });
      expect(promoted.body.role).toBe("VIEWER");
      // As a viewer the newcomer may no longer write.
      expect(
        (
          await api("POST", `/api/v1/articles/${article.body.id}/annotations`, {
            token: newcomer.token,
            json: { start: 2, end: 7, exact: "claim" },
          })
        ).status,
      ).toBe(403);

      expect(
        (await api("DELETE", `/api/v1/projects/${team.id}/members/${newcomer.id}`, { token: team.editor.token }))
          .status,
      ).toBe(204);
      expect((await api("GET", `/api/v1/projects/${team.id}`, { token: newcomer.token })).status).toBe(404);
      const kept = await api("GET", `/api/v1/annotations/${annotation.body.id}`, { token: team.editor.token });
      expect(kept.body.author).toMatchObject({ id: newcomer.id });
      expect(
        (await api("DELETE", `/api/v1/projects/${team.id}/members/${newcomer.id}`, { token: team.editor.token }))
          .status,
      ).toBe(404);
    },
  );

  it("never loses its last editor", async () => {
    const before = await countRows();
    expect(
      (
        await api("PATCH", `/api/v1/projects/${team.id}/members/${team.editor.id}`, {
          token: team.editor.token,
          json: { role: "REVIEWER" },
        })
      ).status,
    ).toBe(409);
    expect(
      (await api("DELETE", `/api/v1/projects/${team.id}/members/${team.editor.id}`, { token: team.editor.token }))
        .status,
    ).toBe(409);
    expect((await api("DELETE", `/api/v1/projects/${team.id}/members/me`, { token: team.editor.token })).status).toBe(
      409,
    );
    expect(await countRows()).toEqual(before);
    // With a second editor, the first may step down.
    await api("PATCH", `/api/v1/projects/${team.id}/members/${team.reviewer.id}`, {
      token: team.editor.token,
      json: { role: "EDITOR" },
    });
    expect(
      (
        await api("PATCH", `/api/v1/projects/${team.id}/members/${team.editor.id}`, {
          token: team.editor.token,
          json: { role: "REVIEWER" },
        })
      ).status,
    ).toBe(200);
    await api("PATCH", `/api/v1/projects/${team.id}/members/${team.editor.id}`, {
      token: team.reviewer.token,
      json: { role: "EDITOR" },
    });
    await api("PATCH", `/api/v1/projects/${team.id}/members/${team.reviewer.id}`, {
      token: team.editor.token,
      json: { role: "REVIEWER" },
    });
  });
});
