import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { api } from "../support/api";
import { countRows, createProjectWithTeam, createUser, type TestProject } from "../support/factories";

let team: TestProject;
beforeAll(async () => {
  team = await createProjectWithTeam("Invitations");
});

const invite = (
  email: string,
  role = "REVIEWER",
  token = team.editor.token,
  path = `/api/v1/projects/${team.id}/invitations`,
) => api("POST", path, { token, json: { email, role } });
const memberIds = async () =>
  (await api("GET", `/api/v1/projects/${team.id}/members`, { token: team.editor.token })).body.items
    .map((member: { userId: string }) => member.userId)
    .sort();
const pending = async (token = team.editor.token) =>
  (await api("GET", `/api/v1/projects/${team.id}/invitations`, { token })).body.items as {
    id: string;
    email: string;
    role: string;
  }[];
const mine = async (token: string) =>
  (await api("GET", "/api/v1/invitations", { token })).body.items as {
    id: string;
    project: { id: string; name: string };
    role: string;
  }[];
/** An invitation's answer without what differs by nature (its id, address and time). */
const shape = (body: Record<string, unknown>) => ({ ...body, id: "…", email: "…", createdAt: "…" });

describe("invitations", () => {
  it(
    "answer the same whether or not the address has an account, and add nobody until accepted; the old POST " +
      "…/members " +
      "invites too",
    async () => {
      const registered = await createUser({ label: "registered" });
      const membersBefore = await memberIds();
      const toAccount = await invite(registered.email);
      const toNobody = await invite(`nobody-${randomUUID()}@test.example`);
      expect([toAccount.status, toNobody.status]).toEqual([201, 201]);
      expect(shape(toAccount.body)).toEqual(shape(toNobody.body));
      expect(Object.keys(toAccount.body).sort()).toEqual([
        "createdAt",
        "email",
        "id",
        "invitedBy",
        "projectId",
        "role",
      ]);
      expect(toAccount.body.invitedBy).toEqual({ id: team.editor.id, name: "editor" });

      // The path scripts used to add members by now invites, with the same answers.
      const registeredToo = await createUser({ label: "registered-too" });
      const viaMembers = await invite(
        registeredToo.email,
        "VIEWER",
        team.editor.token,
        `/api/v1/projects/${team.id}/members`,
      );
      const viaMembersToNobody = await invite(
        `nobody-${randomUUID()}@test.example`,
        "VIEWER",
        team.editor.token,
        `/api/v1/projects/${team.id}/members`,
      );
      expect([viaMembers.status, viaMembersToNobody.status]).toEqual([201, 201]);
      expect(shape(viaMembers.body)).toEqual(shape(viaMembersToNobody.body));
      expect(await memberIds()).toEqual(membersBefore);

      // The person invited sees it, with the project's name and who invited them.
      expect(await mine(registered.token)).toEqual([
        {
          id: toAccount.body.id,
          project: { id: team.id, name: "Invitations" },
          role: "REVIEWER",
          invitedBy: { id: team.editor.id, name: "editor" },
          createdAt: toAccount.body.createdAt,
        },
      ]);
      expect(await mine(team.outsider.token)).toEqual([]);
    },
  );

  it("wait for an address without an account and work after sign-up, matched in any case", async () => {
    const address = `new.person-${randomUUID()}@test.example`;
    const invited = await invite(address.toUpperCase().replace("@TEST.EXAMPLE", "@Test.Example"), "VIEWER");
    expect(invited.status).toBe(201);
    expect(invited.body.email).toBe(address);
    const newcomer = await createUser({ email: address, label: "newcomer" });
    const [invitation] = await mine(newcomer.token);
    expect(invitation).toMatchObject({ id: invited.body.id, project: { id: team.id }, role: "VIEWER" });
    expect((await api("POST", `/api/v1/invitations/${invitation!.id}/accept`, { token: newcomer.token })).body).toEqual(
      { projectId: team.id, role: "VIEWER" },
    );
    expect((await api("GET", `/api/v1/projects/${team.id}`, { token: newcomer.token })).body.role).toBe("VIEWER");
    expect(await mine(newcomer.token)).toEqual([]);
    expect((await pending()).map((item) => item.id)).not.toContain(invited.body.id);
  });

  it(
    "are listed and revoked by editors only; inviting again changes the role; each one is its invitee's alone to " +
      "accept or decline",
    async () => {
      const someone = await createUser({ label: "someone" });
      const first = await invite(someone.email, "VIEWER");
      const again = await invite(someone.email, "REVIEWER");
      expect(again.body).toMatchObject({ id: first.body.id, role: "REVIEWER" });
      expect((await pending()).filter((item) => item.email === someone.email)).toHaveLength(1);

      expect((await api("GET", `/api/v1/projects/${team.id}/invitations`, { token: team.reviewer.token })).status).toBe(
        403,
      );
      expect((await api("GET", `/api/v1/projects/${team.id}/invitations`, { token: team.outsider.token })).status).toBe(
        404,
      );
      expect((await api("DELETE", `/api/v1/invitations/${first.body.id}`, { token: team.viewer.token })).status).toBe(
        403,
      );
      expect((await api("DELETE", `/api/v1/invitations/${first.body.id}`, { token: someone.token })).status).toBe(404);
      // Nobody else accepts or declines it, an editor neither.
      for (const token of [team.editor.token, team.outsider.token]) {
        expect((await api("POST", `/api/v1/invitations/${first.body.id}/accept`, { token })).status).toBe(404);
        expect((await api("POST", `/api/v1/invitations/${first.body.id}/decline`, { token })).status).toBe(404);
      }

      const before = await countRows();
      expect((await api("DELETE", `/api/v1/invitations/${first.body.id}`, { token: team.editor.token })).status).toBe(
        204,
      );
      expect(await mine(someone.token)).toEqual([]);
      expect((await api("POST", `/api/v1/invitations/${first.body.id}/accept`, { token: someone.token })).status).toBe(
        404,
      );
      expect((await api("DELETE", `/api/v1/invitations/${first.body.id}`, { token: team.editor.token })).status).toBe(
        404,
      );
      expect((await countRows()).invitations).toBe(before.invitations! - 1);

      const declined = await invite(someone.email);
      expect(
        (await api("POST", `/api/v1/invitations/${declined.body.id}/decline`, { token: someone.token })).status,
      ).toBe(204);
      expect((await pending()).map((item) => item.id)).not.toContain(declined.body.id);
      expect((await api("GET", `/api/v1/projects/${team.id}`, { token: someone.token })).status).toBe(404);

      const actions = await db().auditEntry.findMany({
        where: { projectId: team.id, entityId: { in: [first.body.id, declined.body.id] } },
        orderBy: { id: "asc" },
        select: { action: true },
      });
      expect(actions.map((entry) => entry.action)).toEqual([
        "invitation.create",
        "invitation.create",
        "invitation.revoke",
        "invitation.create",
        "invitation.decline",
      ]);
    },
  );

  it("of a deleted project disappear", async () => {
    const project = await api("POST", "/api/v1/projects", { token: team.editor.token, json: { name: "Closing" } });
    const someone = await createUser({ label: "late" });
    const invited = await invite(
      someone.email,
      "VIEWER",
      team.editor.token,
      `/api/v1/projects/${project.body.id}/invitations`,
    );
    expect(await mine(someone.token)).toHaveLength(1);
    await api("DELETE", `/api/v1/projects/${project.body.id}`, { token: team.editor.token });
    expect(await mine(someone.token)).toEqual([]);
    expect((await api("POST", `/api/v1/invitations/${invited.body.id}/accept`, { token: someone.token })).status).toBe(
      404,
    );
  });
});

describe("leaving a project", () => {
  it("lets any member leave, audited, their annotations kept; not the last editor (409)", async () => {
    const project = await createProjectWithTeam("Leaving");
    const article = await api("POST", `/api/v1/projects/${project.id}/articles`, {
      token: project.editor.token,
      json: { title: "t", text: "A claim." },
    });
    const annotation = await api("POST", `/api/v1/articles/${article.body.id}/annotations`, {
      token: project.reviewer.token,
      json: { start: 0, end: 7, exact: "A claim" },
    });
    expect(
      (await api("DELETE", `/api/v1/projects/${project.id}/members/me`, { token: project.reviewer.token })).status,
    ).toBe(204);
    expect((await api("GET", `/api/v1/projects/${project.id}`, { token: project.reviewer.token })).status).toBe(404);
    expect(
      (await api("GET", `/api/v1/annotations/${annotation.body.id}`, { token: project.editor.token })).body.author,
    ).toMatchObject({ id: project.reviewer.id });
    expect(
      (await api("DELETE", `/api/v1/projects/${project.id}/members/me`, { token: project.reviewer.token })).status,
    ).toBe(404);
    expect(
      (await api("DELETE", `/api/v1/projects/${project.id}/members/me`, { token: project.outsider.token })).status,
    ).toBe(404);
    expect(
      (await api("DELETE", `/api/v1/projects/${project.id}/members/me`, { token: project.editor.token })).status,
    ).toBe(409);
    const left = await db().auditEntry.findFirst({
      where: { projectId: project.id, action: "member.leave" },
      select: { actorId: true, entityId: true },
    });
    expect(left).toEqual({ actorId: project.reviewer.id, entityId: project.reviewer.id });
  });
});
