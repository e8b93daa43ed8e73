import { beforeAll, describe, expect, it } from "vitest";
import { syntheticProjectFile } from "../../scripts/lib/synthetic-project";
import { api, baseUrl, errorCode } from "../support/api";
import { db } from "@/lib/db";
import { countRows, createProjectWithTeam, type TestProject } from "../support/factories";

/**
 * Node serves every request on one thread: a request that keeps it busy stops
 * everyone. Each attack below runs while a second client polls /api/health,
 * and every poll must be answered within a second.
 */
const MAX_HEALTH_MS = 1_000;
const POLL_EVERY_MS = 100;

interface PollerReport {
  polls: number;
  slowestMs: number;
  failures: string[];
}

async function whileHealthIsPolled<T>(attack: () => Promise<T>): Promise<{ result: T; health: PollerReport }> {
  const health: PollerReport = { polls: 0, slowestMs: 0, failures: [] };
  let attacking = true;
  const poller = (async () => {
    while (attacking) {
      const started = performance.now();
      try {
        const response = await fetch(`${baseUrl()}/api/health`, { signal: AbortSignal.timeout(MAX_HEALTH_MS * 5) });
        await response.text();
        if (response.status !== 200) health.failures.push(`status ${response.status}`);
      } catch (error) {
        health.failures.push(String(error));
      }
      const took = performance.now() - started;
      health.polls++;
      health.slowestMs = Math.max(health.slowestMs, took);
      if (took > MAX_HEALTH_MS) health.failures.push(`a poll took ${Math.round(took)} ms`);
      await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
    }
  })();
  try {
    return { result: await attack(), health };
  } finally {
    attacking = false;
    await poller;
  }
}

function expectServerStayedResponsive(health: PollerReport) {
  expect(health.failures).toEqual([]);
  expect(health.polls).toBeGreaterThan(0);
  expect(health.slowestMs).toBeLessThan(MAX_HEALTH_MS);
}

let team: TestProject;

beforeAll(async () => {
  team = await createProjectWithTeam("Event loop");
});

describe("one request never stops the server", () => {
  for (const depth of [1_000, 2_000, 5_000]) {
    it(
      `refuses the HTML import of ${depth.toLocaleString("en")} nested <div>s, naming the limit, while others are ` +
        `served`,
      async () => {
        const html = `<!doctype html><html><body>${"<div>".repeat(depth)}<p>${("Fighters retook the district. ").repeat(
          20,
        )}</p>${"</div>".repeat(depth)}</body></html>`;
        const before = await countRows();
        const { result, health } = await whileHealthIsPolled(() =>
          api("POST", `/api/v1/projects/${team.id}/articles`, {
            token: team.editor.token,
            json: { html, title: "Nested" },
          }),
        );
        expect(result.status).toBe(422);
        expect(errorCode(result)).toBe("unprocessable_entity");
        expect(result.body.error.details).toMatchObject({ limit: "depth" });
        expect(result.body.error.message).toMatch(/levels deep/);
        expect(await countRows()).toEqual(before);
        expectServerStayedResponsive(health);
      },
    );
  }

  it(
    "searches a Web Annotation's 150,000-character quote in " + "a 300,000-character article while others are served",
    async () => {
      const text = "a".repeat(300_000);
      const article = (
        await api("POST", `/api/v1/projects/${team.id}/articles`, {
          token: team.editor.token,
          json: { title: "One letter", text },
        })
      ).body;
      const item = (exact: string) => ({
        type: "Annotation",
        target: {
          source: `urn:uuid:${article.id}`,
          selector: [
            { type: "TextQuoteSelector", exact },
            { type: "TextPositionSelector", start: 299_990, end: 300_010 },
          ],
        },
      });
      const { result, health } = await whileHealthIsPolled(() =>
        api("POST", `/api/v1/projects/${team.id}/import`, {
          token: team.editor.token,
          json: [item("a".repeat(150_000)), item(`${"a".repeat(149_999)}b`)],
        }),
      );
      expect(result.status).toBe(201);
      expect(result.body).toMatchObject({ kind: "web-annotation", reanchored: 1, rejected: 1 });
      expect(result.body.items[1]).toMatchObject({
        status: "rejected",
        reason: "its quote is not in the article's text",
      });
      expectServerStayedResponsive(health);
    },
  );

  it("lays out the PDF report of 3,000 annotations while others are served", async () => {
    const reported = await createProjectWithTeam("Event loop report");
    const file = syntheticProjectFile({ articles: 30, perArticle: 100, events: 100 });
    expect(
      (await api("POST", `/api/v1/projects/${reported.id}/import`, { token: reported.editor.token, json: file }))
        .status,
    ).toBe(201);
    const { result, health } = await whileHealthIsPolled(async () => {
      const response = await fetch(`${baseUrl()}/api/v1/projects/${reported.id}/export?format=pdf`, {
        headers: { authorization: `Bearer ${reported.editor.token}` },
      });
      return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
    });
    expect(result.status).toBe(200);
    expect(new TextDecoder().decode(result.bytes.slice(0, 5))).toBe("%PDF-");
    expect(new TextDecoder().decode(result.bytes.slice(-6))).toContain("%%EOF");
    expectServerStayedResponsive(health);
  });

  it("measures the agreement of two coders on 40,000 annotations while others are served", async () => {
    const coded = await createProjectWithTeam("Event loop agreement");
    const file = syntheticProjectFile({ articles: 20, perArticle: 1_000, events: 100 });
    expect(
      (await api("POST", `/api/v1/projects/${coded.id}/import`, { token: coded.editor.token, json: file })).status,
    ).toBe(201);
    // The second coder marks the same sentences, two characters later, with every fourth tag changed.
    await db().$executeRaw`
      WITH source AS MATERIALIZED (
        SELECT id AS original, gen_random_uuid() AS id, project_id, article_id, start, "end", exact, prefix, suffix,
          status, revision FROM annotations WHERE project_id = ${coded.id}::uuid
      ), copied AS (
        INSERT INTO annotations (id, project_id, article_id, author_id, start, "end", exact, prefix, suffix, status,
          revision, updated_at)
        SELECT id, project_id, article_id, ${coded.reviewer.id}::uuid, start + 2, "end" + 2, exact, prefix, suffix,
          status, revision, now() FROM source
      )
      INSERT INTO annotation_tags (annotation_id, tag_id)
      SELECT s.id, CASE WHEN s.start % 4 = 0 THEN (SELECT id FROM tags WHERE project_id = ${coded.id}::uuid
        AND name = 'opinion') ELSE t.tag_id END
      FROM source s JOIN annotation_tags t ON t.annotation_id = s.original`;
    const { result, health } = await whileHealthIsPolled(() =>
      api("GET", `/api/v1/projects/${coded.id}/agreement?coders=${coded.editor.id},${coded.reviewer.id}`, {
        token: coded.editor.token,
      }),
    );
    expect(result.status).toBe(200);
    expect(result.body.spans).toEqual({ matched: 20_000, total: 20_000 });
    const claimType = result.body.groups.find((group: { group: string }) => group.group === "claim type");
    expect(claimType.units).toBe(20_000);
    expect(claimType.kappa).toBeGreaterThan(0);
    expect(claimType.kappa).toBeLessThan(1);
    expectServerStayedResponsive(health);
  });
});
