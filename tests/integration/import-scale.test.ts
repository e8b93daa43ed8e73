import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syntheticProjectFile } from "../../scripts/lib/synthetic-project";
import { api } from "../support/api";
import { startAppInstance } from "../support/app-instance";
import { createProjectWithTeam, type TestProject } from "../support/factories";

/**
 * Large imports finish, and while several run, other users' requests are
 * still answered: imports are written in batches, and an app instance runs
 * only a few at once so that they never hold all of its connections.
 * (Their speed is measured in `npm run bench`.)
 */
let team: TestProject;

beforeAll(async () => {
  team = await createProjectWithTeam("Import scale");
});

describe("large imports", () => {
  it("import a project of 20,000 annotations (4.6 MB) in one go", async () => {
    const file = syntheticProjectFile({ articles: 20, perArticle: 1_000, events: 100 });
    const target = (
      await api("POST", "/api/v1/projects", { token: team.editor.token, json: { name: "20,000 annotations" } })
    ).body;
    const imported = await api("POST", `/api/v1/projects/${target.id}/import`, {
      token: team.editor.token,
      json: file,
    });
    expect(imported.status, JSON.stringify(imported.body).slice(0, 500)).toBe(201);
    expect(imported.body.imported).toEqual({
      tags: 0,
      articles: 20,
      events: 100,
      annotations: 20_000,
      links: 10_000,
      comments: 0,
    });
    const listed = await api("GET", `/api/v1/projects/${target.id}/articles?limit=1`, { token: team.editor.token });
    const annotations = await api("GET", `/api/v1/articles/${listed.body.items[0].id}/annotations?limit=200`, {
      token: team.editor.token,
    });
    expect(annotations.body.items[0]).toMatchObject({
      exact: "dam 0 held",
      tags: [{ name: "statistic" }],
      prefix: "Officials said 😀 ",
    });
  }, 180_000);

  describe("several at once on an instance with a small pool", () => {
    let instance: { url: string; stop: () => void };
    beforeAll(async () => {
      instance = await startAppInstance({ PARALLAX_DB_POOL_SIZE: "4" });
    }, 120_000);
    afterAll(() => instance?.stop());

    it("leave other users' reads answered: 6 imports and 20 reads, every read 200", async () => {
      const call = (method: string, path: string, json?: unknown) =>
        fetch(`${instance.url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${team.editor.token}`,
            ...(json === undefined ? {} : { "content-type": "application/json" }),
          },
          body: json === undefined ? undefined : JSON.stringify(json),
        });
      const file = syntheticProjectFile({ articles: 5, perArticle: 1_000, events: 50 });
      const imports = Array.from({ length: 6 }, async (_, index) => {
        const target = (
          await api("POST", "/api/v1/projects", {
            token: team.editor.token,
            json: { name: `Concurrent import ${index}` },
          })
        ).body;
        return call("POST", `/api/v1/projects/${target.id}/import`, file);
      });
      // Reads every 300 ms from when the imports are under way, for 6 s.
      const reads: Promise<Response>[] = [];
      for (let read = 0; read < 20; read++) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        reads.push(call("GET", `/api/v1/projects/${team.id}/articles`));
      }
      await Promise.all(reads);
      const readStatuses = await Promise.all(reads.map(async (read) => (await read).status));
      expect(readStatuses).toEqual(readStatuses.map(() => 200));
      // An import either ran or was told to come back later.
      for (const answer of await Promise.all(imports)) {
        expect(
          [201, 503],
          await answer
            .clone()
            .text()
            .then((text) => text.slice(0, 300)),
        ).toContain(answer.status);
        if (answer.status === 503) expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
      }
    }, 180_000);
  });
});
