import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CODEBOOK } from "@/lib/codebook/defaults";
import { api } from "../support/api";
import { countRows, createProjectWithTeam, type TestProject } from "../support/factories";

let team: TestProject;
beforeAll(async () => {
  team = await createProjectWithTeam("Codebook");
});

describe("GET /api/v1/projects/:id/tags", () => {
  it("gives the default codebook, every group and tag, in order, with colours and claim-type shortcuts", async () => {
    const response = await api("GET", `/api/v1/projects/${team.id}/tags?limit=200`, { token: team.reviewer.token });
    expect(response.status).toBe(200);
    expect(response.body.nextCursor).toBeNull();
    const items = response.body.items as {
      name: string;
      color: string;
      shortcut: string | null;
      group: { name: string; kind: string };
    }[];
    expect(items.map((tag) => `${tag.group.name}/${tag.name}`)).toEqual(
      DEFAULT_CODEBOOK.flatMap((group) => group.tags.map((tag) => `${group.name}/${tag.name}`)),
    );
    expect(new Set(items.map((tag) => tag.group.kind))).toEqual(
      new Set(["CLAIM_TYPE", "FRAME", "RHETORIC", "VERDICT"]),
    );
    for (const tag of items) expect(tag.color).toMatch(/^#[0-9a-f]{6}$/);
    const claimTypes = items.filter((tag) => tag.group.kind === "CLAIM_TYPE");
    expect(claimTypes.map((tag) => tag.name)).toEqual([
      "factual claim",
      "statistic",
      "quote/attribution",
      "prediction",
      "opinion",
    ]);
    expect(claimTypes.every((tag) => tag.shortcut?.length === 1)).toBe(true);
    expect(new Set(claimTypes.map((tag) => tag.shortcut)).size).toBe(claimTypes.length);
    // Every tag has a key; the other groups share a first key each, and no shortcut starts another.
    const shortcuts = items.map((tag) => tag.shortcut);
    expect(shortcuts.every((shortcut) => shortcut !== null && [...shortcut].length <= 2)).toBe(true);
    expect(new Set(shortcuts).size).toBe(items.length);
    for (const a of shortcuts)
      for (const b of shortcuts) if (a !== b) expect(a!.startsWith(b!), `${a} starts with ${b}`).toBe(false);
    for (const kind of ["FRAME", "RHETORIC", "VERDICT"])
      expect(new Set(items.filter((tag) => tag.group.kind === kind).map((tag) => tag.shortcut![0])).size).toBe(1);
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
    const second = await api("GET", `/api/v1/projects/${team.id}/tags?limit=20&cursor=${first.body.nextCursor}`, {
      token: team.viewer.token,
    });
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

describe("editing the codebook", () => {
  const tagsOf = async (token = team.editor.token) =>
    (await api("GET", `/api/v1/projects/${team.id}/tags?limit=200`, { token })).body.items as {
      id: string;
      name: string;
      shortcut: string | null;
      archived: boolean;
      color: string;
      group: { name: string; kind: string };
    }[];

  it("adds a tag to a group at a position, or to a new custom group; names and shortcuts stay unique", async () => {
    const created = await api("POST", `/api/v1/projects/${team.id}/tags`, {
      token: team.editor.token,
      json: {
        name: "rumour",
        group: "claim type",
        color: "#AA00CC",
        shortcut: "R",
        position: 1,
        description: "Hearsay",
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "rumour",
      color: "#aa00cc",
      shortcut: "r",
      archived: false,
      group: { name: "claim type", kind: "CLAIM_TYPE" },
    });
    const claimTypes = (await tagsOf()).filter((tag) => tag.group.name === "claim type").map((tag) => tag.name);
    expect(claimTypes.slice(0, 3)).toEqual(["factual claim", "rumour", "statistic"]);

    const custom = await api("POST", `/api/v1/projects/${team.id}/tags`, {
      token: team.editor.token,
      json: { name: "needs follow-up", group: "workflow", color: "#123456" },
    });
    expect(custom.body.group).toMatchObject({ name: "workflow", kind: "CUSTOM" });
    expect((await tagsOf()).at(-1)!.name).toBe("needs follow-up");

    const sameName = await api("POST", `/api/v1/projects/${team.id}/tags`, {
      token: team.editor.token,
      json: { name: "Rumour", group: "frame", color: "#123456" },
    });
    expect(sameName.status).toBe(409);
    const sameKey = await api("POST", `/api/v1/projects/${team.id}/tags`, {
      token: team.editor.token,
      json: { name: "another", group: "frame", color: "#123456", shortcut: "s" },
    });
    expect(sameKey.status).toBe(409);
    expect(sameKey.body.error.message).toContain("statistic");
  });

  it("refuses bad input with 4xx and non-editors with 403/404, changing nothing", async () => {
    const before = await countRows();
    for (const json of [
      { name: "x", group: "frame", color: "red" },
      { name: "x", group: "frame", color: "#123456", shortcut: "abc" },
      { name: "", group: "frame", color: "#123456" },
      { name: "x", color: "#123456" },
    ]) {
      const response = await api("POST", `/api/v1/projects/${team.id}/tags`, { token: team.editor.token, json });
      expect([400, 422], JSON.stringify(json)).toContain(response.status);
    }
    expect(
      (
        await api("POST", `/api/v1/projects/${team.id}/tags`, {
          token: team.reviewer.token,
          json: { name: "x", group: "frame", color: "#123456" },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api("POST", `/api/v1/projects/${team.id}/tags`, {
          token: team.viewer.token,
          json: { name: "x", group: "frame", color: "#123456" },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api("POST", `/api/v1/projects/${team.id}/tags`, {
          token: team.outsider.token,
          json: { name: "x", group: "frame", color: "#123456" },
        })
      ).status,
    ).toBe(404);
    const someTag = (await tagsOf())[0]!;
    expect(
      (await api("PATCH", `/api/v1/tags/${someTag.id}`, { token: team.reviewer.token, json: { color: "#000000" } }))
        .status,
    ).toBe(403);
    expect((await api("DELETE", `/api/v1/tags/${someTag.id}`, { token: team.outsider.token })).status).toBe(404);
    expect(await countRows()).toEqual(before);
  });

  it(
    "takes shortcuts of two keys pressed in turn; refuses one that another equals or starts, or that starts another " +
      "(409 naming it), and bad keys (4xx), changing nothing",
    async () => {
      const created = await api("POST", `/api/v1/projects/${team.id}/tags`, {
        token: team.editor.token,
        json: { name: "needs a source", group: "workflow", color: "#123456", shortcut: "WS" },
      });
      expect(created.status).toBe(201);
      expect(created.body.shortcut).toBe("ws");
      const economic = (await tagsOf()).find((tag) => tag.name === "economic")!;
      expect(economic.shortcut).toBe("me");

      const before = await countRows();
      const listed = await tagsOf();
      const clashes: [string, string][] = [
        ["me", "economic"], // the same keys
        ["m", "economic"], // starts "me" (and every frame's keys)
        ["sx", "statistic"], // "s" starts it
        ["w", "needs a source"], // starts "ws"
      ];
      for (const [shortcut, holder] of clashes) {
        const response = await api("POST", `/api/v1/projects/${team.id}/tags`, {
          token: team.editor.token,
          json: { name: `clash ${shortcut}`, group: "workflow", color: "#123456", shortcut },
        });
        expect(response.status, shortcut).toBe(409);
        expect(response.body.error.details).toMatchObject({ field: "shortcut" });
        const holderTag = listed.find((tag) => tag.id === response.body.error.details.tagId)!;
        expect(
          shortcut === "m" ? holderTag.shortcut!.startsWith("m") : holderTag.name === holder,
          `${shortcut} names ${holderTag.name}`,
        ).toBe(true);
      }
      const patched = await api("PATCH", `/api/v1/tags/${created.body.id}`, {
        token: team.editor.token,
        json: { shortcut: "h" },
      });
      expect(patched.status).toBe(409);
      expect(patched.body.error.message).toMatch(/overlaps the shortcut 'h.' of the tag/);
      for (const shortcut of ["abc", "a b", " ", "", "/", "x/", "\n", 5, ["a"]]) {
        const created = await api("POST", `/api/v1/projects/${team.id}/tags`, {
          token: team.editor.token,
          json: { name: "bad key", group: "workflow", color: "#123456", shortcut },
        });
        // A value of the wrong type is 400, a string that is no shortcut 422, as for every field.
        expect([400, 422], JSON.stringify(shortcut)).toContain(created.status);
        expect(created.body.error.code).toBeTypeOf("string");
        const changed = await api("PATCH", `/api/v1/tags/${economic.id}`, {
          token: team.editor.token,
          json: { shortcut },
        });
        expect(changed.status, JSON.stringify(shortcut)).toBe(created.status);
      }
      expect(await countRows()).toEqual(before);
      expect(await tagsOf()).toEqual(listed);

      // Its own keys, or keys freed by another tag, are fine.
      expect(
        (await api("PATCH", `/api/v1/tags/${created.body.id}`, { token: team.editor.token, json: { shortcut: "ws" } }))
          .status,
      ).toBe(200);
      expect(
        (await api("PATCH", `/api/v1/tags/${economic.id}`, { token: team.editor.token, json: { shortcut: null } }))
          .status,
      ).toBe(200);
      const freed = await api("PATCH", `/api/v1/tags/${created.body.id}`, {
        token: team.editor.token,
        json: { shortcut: "me" },
      });
      expect(freed.status).toBe(200);
      expect(freed.body.shortcut).toBe("me");
    },
  );

  it("renames, recolours, moves and rekeys a tag", async () => {
    const tag = (await tagsOf()).find((candidate) => candidate.name === "opinion")!;
    const changed = await api("PATCH", `/api/v1/tags/${tag.id}`, {
      token: team.editor.token,
      json: { name: "comment", color: "#0000ff", shortcut: "c", position: 0 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: "comment", color: "#0000ff", shortcut: "c", position: 0 });
    expect((await tagsOf()).filter((t) => t.group.name === "claim type")[0]!.name).toBe("comment");
    const cleared = await api("PATCH", `/api/v1/tags/${tag.id}`, {
      token: team.editor.token,
      json: { shortcut: null },
    });
    expect(cleared.body.shortcut).toBeNull();
  });

  it("deletes an unused tag, but archives a tag in use: hidden from new annotations, kept on old ones", async () => {
    const unused = (
      await api("POST", `/api/v1/projects/${team.id}/tags`, {
        token: team.editor.token,
        json: { name: "temporary", group: "frame", color: "#101010" },
      })
    ).body;
    expect((await api("DELETE", `/api/v1/tags/${unused.id}`, { token: team.editor.token })).status).toBe(204);
    expect((await tagsOf()).some((tag) => tag.id === unused.id)).toBe(false);

    const article = await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title: "t", text: "A claim to tag." },
    });
    const used = (
      await api("POST", `/api/v1/projects/${team.id}/tags`, {
        token: team.editor.token,
        json: { name: "in use", group: "frame", color: "#202020" },
      })
    ).body;
    const annotation = await api("POST", `/api/v1/articles/${article.body.id}/annotations`, {
      token: team.reviewer.token,
      json: { start: 0, end: 7, exact: "A claim", tags: [used.id] },
    });
    expect(annotation.status).toBe(201);
    const archived = await api("DELETE", `/api/v1/tags/${used.id}`, { token: team.editor.token });
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ id: used.id, archived: true });
    const kept = await api("GET", `/api/v1/annotations/${annotation.body.id}`, { token: team.reviewer.token });
    expect(kept.body.tags.map((tag: { name: string }) => tag.name)).toEqual(["in use"]);
    const refused = await api("POST", `/api/v1/articles/${article.body.id}/annotations`, {
      token: team.reviewer.token,
      json: { start: 2, end: 7, exact: "claim", tags: [used.id] },
    });
    expect(refused.status).toBe(422);
  });
});

describe("editing codebook groups", () => {
  it("renames a group and moves it; names stay unique; only editors may", async () => {
    const project = await createProjectWithTeam("Groups");
    const groups = async () => {
      const items = (await api("GET", `/api/v1/projects/${project.id}/tags?limit=200`, { token: project.viewer.token }))
        .body.items as { group: { id: string; name: string } }[];
      return [...new Map(items.map((tag) => [tag.group.id, tag.group.name])).entries()];
    };
    const [first, , , verdict] = await groups();
    expect(
      (
        await api("PATCH", `/api/v1/tag-groups/${verdict![0]}`, {
          token: project.reviewer.token,
          json: { name: "rating" },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api("PATCH", `/api/v1/tag-groups/${verdict![0]}`, {
          token: project.outsider.token,
          json: { name: "rating" },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api("PATCH", `/api/v1/tag-groups/${verdict![0]}`, {
          token: project.editor.token,
          json: { name: first![1] },
        })
      ).status,
    ).toBe(409);
    const renamed = await api("PATCH", `/api/v1/tag-groups/${verdict![0]}`, {
      token: project.editor.token,
      json: { name: "rating", position: 0, description: "Fact-check outcome" },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: "rating",
      position: 0,
      description: "Fact-check outcome",
      kind: "VERDICT",
    });
    expect((await groups()).map(([, name]) => name)).toEqual(["rating", "claim type", "frame", "rhetoric"]);
  });
});
