import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/api";
import { createProjectWithTeam, type TestProject } from "../support/factories";

/**
 * Names are unique in any case within a project (events, outlets, tags, tag
 * groups), and `%` and `_` in them are characters, not wildcards: "Dam_1"
 * is not "Dam 1", and "%" is not every name.
 */
let team: TestProject;

beforeAll(async () => {
  team = await createProjectWithTeam("Literal names");
});

const post = (path: string, json: unknown) => api("POST", path, { token: team.editor.token, json });

describe("names with % and _", () => {
  it("events: a title is taken only by the same title in any case", async () => {
    expect((await post(`/api/v1/projects/${team.id}/events`, { title: "Dam 1 repaired" })).status).toBe(201);
    for (const title of ["Dam_1 repaired", "Dam%", "%"])
      expect((await post(`/api/v1/projects/${team.id}/events`, { title })).status, title).toBe(201);
    expect((await post(`/api/v1/projects/${team.id}/events`, { title: "dam_1 REPAIRED" })).status).toBe(409);
  });

  it("outlets: an article names the outlet of that very name, and a rename clashes only with it", async () => {
    const article = async (sourceName: string) =>
      (await post(`/api/v1/projects/${team.id}/articles`, { title: sourceName, text: "A report.", sourceName })).body
        .source as { id: string; name: string };
    const reuters = await article("Reuters");
    const wildcard = await article("Reuter_");
    expect(wildcard.id).not.toBe(reuters.id);
    expect(wildcard.name).toBe("Reuter_");
    expect((await article("reuter_")).id).toBe(wildcard.id);
    const percent = await article("%");
    expect(percent.id).not.toBe(reuters.id);
    const renamed = await api("PATCH", `/api/v1/sources/${percent.id}`, {
      token: team.editor.token,
      json: { name: "R%" },
    });
    expect(renamed.status).toBe(200);
    expect(
      (await api("PATCH", `/api/v1/sources/${percent.id}`, { token: team.editor.token, json: { name: "REUTERS" } }))
        .status,
    ).toBe(409);
  });

  it("tags and tag groups: a name clashes only with the same name in any case", async () => {
    expect(
      (await post(`/api/v1/projects/${team.id}/tags`, { name: "fals_", group: "verdict", color: "#123456" })).status,
    ).toBe(201);
    expect(
      (await post(`/api/v1/projects/${team.id}/tags`, { name: "%", group: "verdict", color: "#123456" })).status,
    ).toBe(201);
    expect(
      (await post(`/api/v1/projects/${team.id}/tags`, { name: "FALSE", group: "verdict", color: "#123456" })).status,
    ).toBe(409);
    const groups = (await api("GET", `/api/v1/projects/${team.id}/tags`, { token: team.editor.token })).body.items.map(
      (tag: { group: { id: string; name: string } }) => tag.group,
    );
    const frame = groups.find((group: { name: string }) => group.name === "frame")!;
    expect(
      (await api("PATCH", `/api/v1/tag-groups/${frame.id}`, { token: team.editor.token, json: { name: "verdic_" } }))
        .status,
    ).toBe(200);
    expect(
      (await api("PATCH", `/api/v1/tag-groups/${frame.id}`, { token: team.editor.token, json: { name: "%" } })).status,
    ).toBe(200);
    expect(
      (await api("PATCH", `/api/v1/tag-groups/${frame.id}`, { token: team.editor.token, json: { name: "Verdict" } }))
        .status,
    ).toBe(409);
  });

  it("a project import matches tag groups and outlets by their very names", async () => {
    const target = (await post("/api/v1/projects", { name: "Literal import" })).body as { id: string };
    const file = {
      format: "parallax.project",
      version: 1,
      codebook: [{ name: "verdic_", kind: "CUSTOM", tags: [{ name: "checked", color: "#123456" }] }],
      articles: [{ id: "a", title: "A", text: "A report.", source: "Reuter_" }],
      outlets: [{ name: "Reuter_", homepage: "https://reuter.example", notes: "Not Reuters." }],
      events: [],
      annotations: [],
    };
    await api("POST", `/api/v1/projects/${target.id}/articles`, {
      token: team.editor.token,
      json: { title: "R", text: "R.", sourceName: "Reuters" },
    });
    expect(
      (await api("POST", `/api/v1/projects/${target.id}/import`, { token: team.editor.token, json: file })).status,
    ).toBe(201);
    const tags = (await api("GET", `/api/v1/projects/${target.id}/tags`, { token: team.editor.token })).body.items as {
      name: string;
      group: { name: string };
    }[];
    expect(tags.find((tag) => tag.name === "checked")!.group.name).toBe("verdic_");
    const outlets = (await api("GET", `/api/v1/projects/${target.id}/sources`, { token: team.editor.token })).body
      .items;
    expect(outlets.map(({ name, notes }: { name: string; notes: string | null }) => [name, notes])).toEqual([
      ["Reuter_", "Not Reuters."],
      ["Reuters", null],
    ]);
  });
});
