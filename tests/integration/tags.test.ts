import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CODEBOOK } from "@/lib/codebook/defaults";
import { api } from "../support/api";
import { createProjectWithTeam, type TestProject } from "../support/factories";

let team: TestProject;
beforeAll(async () => {
  team = await createProjectWithTeam("Codebook");
});

describe("GET /api/v1/projects/:id/tags", () => {
  it("gives the default codebook, every group and tag, in order, with colours and claim-type shortcuts", async () => {
    const response = await api("GET", `/api/v1/projects/${team.id}/tags?limit=200`, { token: team.reviewer.token });
    expect(response.status).toBe(200);
    expect(response.body.nextCursor).toBeNull();
    const items = response.body.items as { name: string; color: string; shortcut: string | null; group: { name: string; kind: string } }[];
    expect(items.map((tag) => `${tag.group.name}/${tag.name}`)).toEqual(
      DEFAULT_CODEBOOK.flatMap((group) => group.tags.map((tag) => `${group.name}/${tag.name}`)),
    );
    expect(new Set(items.map((tag) => tag.group.kind))).toEqual(new Set(["CLAIM_TYPE", "FRAME", "RHETORIC", "VERDICT"]));
    for (const tag of items) expect(tag.color).toMatch(/^#[0-9a-f]{6}$/);
    const claimTypes = items.filter((tag) => tag.group.kind === "CLAIM_TYPE");
    expect(claimTypes.map((tag) => tag.name)).toEqual(["factual claim", "statistic", "quote/attribution", "prediction", "opinion"]);
    expect(claimTypes.every((tag) => tag.shortcut?.length === 1)).toBe(true);
    expect(new Set(claimTypes.map((tag) => tag.shortcut)).size).toBe(claimTypes.length);
    expect(items.filter((tag) => tag.group.kind === "FRAME")).toHaveLength(15);
    expect(items.filter((tag) => tag.group.kind === "RHETORIC")).toHaveLength(8);
    expect(items.filter((tag) => tag.group.kind === "VERDICT").map((tag) => tag.name)).toEqual([
      "unverified",
      "accurate",
      "misleading",
      "false",
      "unsupported",
    ]);
  });

  it("pages in codebook order", async () => {
    const first = await api("GET", `/api/v1/projects/${team.id}/tags?limit=20`, { token: team.viewer.token });
    const second = await api("GET", `/api/v1/projects/${team.id}/tags?limit=20&cursor=${first.body.nextCursor}`, { token: team.viewer.token });
    expect(first.body.items).toHaveLength(20);
    expect(second.body.items).toHaveLength(13);
    expect(second.body.nextCursor).toBeNull();
    const all = await api("GET", `/api/v1/projects/${team.id}/tags?limit=200`, { token: team.viewer.token });
    expect([...first.body.items, ...second.body.items]).toEqual(all.body.items);
  });

  it("is readable by every member and nobody else", async () => {
    for (const member of [team.viewer, team.reviewer, team.editor, team.admin]) {
      expect((await api("GET", `/api/v1/projects/${team.id}/tags`, { token: member.token })).status).toBe(200);
    }
    expect((await api("GET", `/api/v1/projects/${team.id}/tags`, { token: team.outsider.token })).status).toBe(404);
    expect((await api("GET", `/api/v1/projects/${team.id}/tags`)).status).toBe(401);
  });
});
