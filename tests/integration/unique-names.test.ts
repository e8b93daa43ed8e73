import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { api, type ApiResponse } from "../support/api";
import { createProjectWithTeam, type TestProject } from "../support/factories";

/**
 * Tags, codebook groups, outlets and events are named once per project: in
 * any case, in any Unicode normal form (NFC "é" is NFD "e" + U+0301), also
 * when many requests name one at the same moment.
 */
const PARALLEL = 16;
const NFD = (value: string) => value.normalize("NFD");
/**
 * Sixteen spellings of one name: cases, normal forms, and non-ASCII capitals (which SQL lower() under the C locale
 * keeps).
 */
const spellings = (name: string) =>
  Array.from({ length: PARALLEL }, (_, index) => {
    const cased = [name, name.toLowerCase(), name.toUpperCase(), name[0]!.toLowerCase() + name.slice(1).toUpperCase()][
      index % 4
    ]!;
    return index % 8 >= 4 ? NFD(cased) : cased;
  });

let team: TestProject;

beforeAll(async () => {
  team = await createProjectWithTeam("Unique names");
});

/** Exactly one of the answers made the item; every other is a 409 naming it (`details: { field, <kind>Id }`). */
function expectOneWinner(answers: ApiResponse[], winnerStatus: number, field: string, idKey: string): string {
  const winners = answers.filter((answer) => answer.status === winnerStatus);
  expect(winners, JSON.stringify(answers.map((answer) => [answer.status, answer.body]))).toHaveLength(1);
  const id = winners[0]!.body.id as string;
  for (const loser of answers.filter((answer) => answer.status !== winnerStatus)) {
    expect(loser.status, JSON.stringify(loser.body)).toBe(409);
    expect(loser.body.error.details).toEqual({ field, [idKey]: id });
  }
  return id;
}

describe("names unique under races and in every script", () => {
  it("tags: 16 creations at once of one name in several spellings make one tag", async () => {
    const answers = await Promise.all(
      spellings("Rumour mill").map((name) =>
        api("POST", `/api/v1/projects/${team.id}/tags`, {
          token: team.editor.token,
          json: { name, group: "frame", color: "#334455" },
        }),
      ),
    );
    expectOneWinner(answers, 201, "name", "tagId");
  });

  it("tags: a second spelling of a non-ASCII name is refused, naming the tag that has it", async () => {
    const first = await api("POST", `/api/v1/projects/${team.id}/tags`, {
      token: team.editor.token,
      json: { name: "Éclat", group: "frame", color: "#334455" },
    });
    expect(first.status).toBe(201);
    const street = await api("POST", `/api/v1/projects/${team.id}/tags`, {
      token: team.editor.token,
      json: { name: "Straße", group: "frame", color: "#334455" },
    });
    for (const [name, holder] of [
      ["ÉCLAT", first],
      ["éclat", first],
      [NFD("éclat"), first],
      ["STRASSE", street],
      ["strasse", street],
    ] as const) {
      const again = await api("POST", `/api/v1/projects/${team.id}/tags`, {
        token: team.editor.token,
        json: { name, group: "frame", color: "#334455" },
      });
      expect(again.status, name).toBe(409);
      expect(again.body.error.details).toEqual({ field: "name", tagId: holder.body.id });
    }
    const other = await api("POST", `/api/v1/projects/${team.id}/tags`, {
      token: team.editor.token,
      json: { name: "Spare", group: "frame", color: "#334455" },
    });
    const renamed = await api("PATCH", `/api/v1/tags/${other.body.id}`, {
      token: team.editor.token,
      json: { name: NFD("ÉCLAT") },
    });
    expect(renamed.status).toBe(409);
    expect(renamed.body.error.details).toEqual({ field: "name", tagId: first.body.id });
  });

  it("groups: 16 tags naming one new group in several spellings at once all land in one group", async () => {
    const answers = await Promise.all(
      spellings("Sourcing").map((group, index) =>
        api("POST", `/api/v1/projects/${team.id}/tags`, {
          token: team.editor.token,
          json: { name: `sourcing ${index}`, group, color: "#334455" },
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
    expect(new Set(answers.map((answer) => answer.body.group.id)).size).toBe(1);
  });

  it("groups: 16 renames at once to one name in several spellings leave one group with it", async () => {
    const created = await Promise.all(
      Array.from({ length: PARALLEL }, (_, index) =>
        api("POST", `/api/v1/projects/${team.id}/tags`, {
          token: team.editor.token,
          json: { name: `grouped ${index}`, group: `Group ${index}`, color: "#334455" },
        }),
      ),
    );
    const groupIds = created.map((answer) => answer.body.group.id as string);
    const names = spellings("Ça dépend");
    const answers = await Promise.all(
      groupIds.map((groupId, index) =>
        api("PATCH", `/api/v1/tag-groups/${groupId}`, { token: team.editor.token, json: { name: names[index] } }),
      ),
    );
    expectOneWinner(answers, 200, "name", "groupId");
  });

  it("outlets: 16 articles naming one new outlet in several spellings at once share one outlet", async () => {
    const answers = await Promise.all(
      spellings("Café Gazette").map((sourceName, index) =>
        api("POST", `/api/v1/projects/${team.id}/articles`, {
          token: team.editor.token,
          json: { title: `Report ${index}`, text: "Text.", sourceName },
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 201));
    expect(new Set(answers.map((answer) => answer.body.source.id)).size).toBe(1);
  });

  it("outlets: 16 renames at once to one name in several spellings leave one outlet with it", async () => {
    const created = await Promise.all(
      Array.from({ length: PARALLEL }, (_, index) =>
        api("POST", `/api/v1/projects/${team.id}/articles`, {
          token: team.editor.token,
          json: { title: `Wire ${index}`, text: "Text.", sourceName: `Wire ${index}` },
        }),
      ),
    );
    const names = spellings("Agence Élan");
    const answers = await Promise.all(
      created.map((answer, index) =>
        api("PATCH", `/api/v1/sources/${answer.body.source.id}`, {
          token: team.editor.token,
          json: { name: names[index] },
        }),
      ),
    );
    expectOneWinner(answers, 200, "name", "sourceId");
  });

  it("events: 'Café attack' in NFC, NFD and capitals, 16 at once, is one event", async () => {
    const answers = await Promise.all(
      spellings("Café attack").map((title) =>
        api("POST", `/api/v1/projects/${team.id}/events`, { token: team.reviewer.token, json: { title } }),
      ),
    );
    expectOneWinner(answers, 201, "title", "eventId");
  });

  it("project import and article import match names the same way", async () => {
    const target = await createProjectWithTeam("Unique names (import)");
    const seeded = await api("POST", `/api/v1/projects/${target.id}/articles`, {
      token: target.editor.token,
      json: { title: "Seed", text: "Seed text.", sourceName: "Radio Azadi Élan" },
    });
    await api("POST", `/api/v1/projects/${target.id}/events`, {
      token: target.editor.token,
      json: { title: "Café attack" },
    });
    const file = {
      format: "parallax.project",
      version: 1,
      codebook: [
        {
          name: "FRAME",
          kind: "FRAME",
          tags: [
            { name: "ECONOMIC", color: "#112233" },
            { name: NFD("Éthique"), color: "#112233" },
            { name: "éthique", color: "#112233" },
          ],
        },
      ],
      articles: [{ id: "a1", title: "Imported", text: "Imported text.", source: NFD("RADIO AZADI ÉLAN") }],
      events: [
        { id: "e1", title: NFD("CAFÉ ATTACK") },
        { id: "e2", title: "café attack" },
      ],
      annotations: [
        {
          articleId: "a1",
          start: 0,
          end: 8,
          exact: "Imported",
          status: "DRAFT",
          createdAt: "2021-08-20T10:00:00Z",
          updatedAt: "2021-08-20T10:00:00Z",
          tags: ["ÉTHIQUE", "economic"],
          links: [
            { eventId: "e1", stance: "ASSERTS" },
            { eventId: "e2", stance: "MENTIONS" },
          ],
        },
      ],
    };
    const imported = await api("POST", `/api/v1/projects/${target.id}/import`, {
      token: target.editor.token,
      json: file,
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body.imported).toMatchObject({ tags: 1, articles: 1, events: 0, annotations: 1, links: 1 });
    const groups = await db().tagGroup.count({ where: { projectId: target.id } });
    expect(groups).toBe(4); // the default codebook's four: "FRAME" is "frame"
    const sources = await db().source.findMany({ where: { projectId: target.id }, select: { id: true } });
    expect(sources).toEqual([{ id: seeded.body.source.id }]);

    const byApi = await api("POST", `/api/v1/projects/${target.id}/articles`, {
      token: target.editor.token,
      json: { title: "More", text: "More text.", sourceName: "radio azadi élan" },
    });
    expect(byApi.body.source.id).toBe(seeded.body.source.id);
  });
});
