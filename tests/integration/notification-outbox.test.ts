import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { api } from "../support/api";
import { createProjectWithTeam, type TestProject } from "../support/factories";

// This process sends the notifications of its own writes but sweeps for no others within a test: what plain SQL
// writes has to reach readers through the app's sweep.
process.env.PARALLAX_OUTBOX_SWEEP_MS = "60000";
/** The app's default sweep period (lib/env.ts), plus room for a loaded machine. */
const SWEEP_MS = 500;
const PROMPTLY_MS = SWEEP_MS + 1_000;

let team: TestProject;
let articleId: string;
beforeAll(async () => {
  // The client's first query starts its engine and pool: on a busy machine that alone took longer than the 2 s a
  // transaction may wait to start, and the team's sign-ups start five at once.
  await db().$queryRaw`SELECT 1`;
  team = await createProjectWithTeam("Outbox");
  articleId = (
    await api("POST", `/api/v1/projects/${team.id}/articles`, {
      token: team.editor.token,
      json: { title: "t", text: "One claim. Two claim." },
    })
  ).body.id;
});

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  return client;
}

/** A connection that LISTENs on `channels` and keeps what it hears, with when it heard it. */
async function listener(...channels: string[]) {
  const client = await connect();
  const heard: { channel: string; payload: string; at: number }[] = [];
  client.on("notification", ({ channel, payload }) => heard.push({ channel, payload: payload ?? "", at: Date.now() }));
  for (const channel of channels) await client.query(`LISTEN ${channel}`);
  return { heard, end: () => client.end() };
}

const waitFor = async (check: () => boolean, timeoutMs = 5_000) => {
  for (const started = Date.now(); !check() && Date.now() - started < timeoutMs; )
    await new Promise((resolve) => setTimeout(resolve, 20));
};

async function outboxRowsAbout(id: string): Promise<number> {
  const client = await connect();
  try {
    return (
      await client.query<{ rows: number }>(
        `SELECT count(*)::int AS rows FROM notification_outbox WHERE payload LIKE '%' || $1 || '%'`,
        [id],
      )
    ).rows[0]!.rows;
  } finally {
    await client.end();
  }
}

describe("live notifications through the outbox", () => {
  it("are written with the change, in its transaction, and go with it when it rolls back", async () => {
    const annotation = (
      await api("POST", `/api/v1/articles/${articleId}/annotations`, {
        token: team.editor.token,
        json: { start: 0, end: 9, exact: "One claim" },
      })
    ).body;
    const client = await connect();
    try {
      await client.query("BEGIN");
      await client.query(`UPDATE annotations SET note = 'rolled back' WHERE id = $1`, [annotation.id]);
      const { rows } = await client.query<{ channel: string; payload: string }>(
        `SELECT channel, payload FROM notification_outbox WHERE payload LIKE '%' || $1 || '%'`,
        [annotation.id],
      );
      expect(rows.map((row) => ({ channel: row.channel, ...JSON.parse(row.payload) }))).toEqual([
        {
          channel: "parallax_live",
          articleId,
          type: "annotation.updated",
          id: annotation.id,
          annotationId: annotation.id,
          authorId: team.editor.id,
          status: "DRAFT",
        },
      ]);
      await client.query("ROLLBACK");
    } finally {
      await client.end();
    }
    expect(await outboxRowsAbout(annotation.id)).toBe(0);
  });

  it("reach a listener within the app's sweep period when the change comes from plain SQL", async () => {
    const annotation = (
      await api("POST", `/api/v1/articles/${articleId}/annotations`, {
        token: team.editor.token,
        json: { start: 11, end: 20, exact: "Two claim" },
      })
    ).body;
    const live = await listener("parallax_live");
    const client = await connect();
    let committedAt: number;
    try {
      await client.query(`UPDATE annotations SET note = 'from plain SQL', version = version + 1 WHERE id = $1`, [
        annotation.id,
      ]);
      committedAt = Date.now();
    } finally {
      await client.end();
    }
    const isHeard = () => live.heard.some((note) => note.payload.includes(annotation.id));
    await waitFor(isHeard, 5_000);
    await live.end();
    const heardAfter = live.heard.find((note) => note.payload.includes(annotation.id))!.at - committedAt;
    console.log(`a change in plain SQL was heard ${heardAfter} ms after its commit`);
    expect(heardAfter).toBeLessThan(PROMPTLY_MS);
    expect(await outboxRowsAbout(annotation.id)).toBe(0);
  });

  it("of 16 writers at once arrive once each, and leave the outbox empty", async () => {
    const live = await listener("parallax_live");
    const spans = [
      { start: 0, end: 3, exact: "One" },
      { start: 4, end: 9, exact: "claim" },
      { start: 11, end: 14, exact: "Two" },
      { start: 15, end: 20, exact: "claim" },
    ];
    const created = await Promise.all(
      Array.from({ length: 16 }, async (_, index) => {
        const response = await api("POST", `/api/v1/articles/${articleId}/annotations`, {
          token: team.editor.token,
          json: spans[index % spans.length]!,
        });
        return { id: response.body.id as string, respondedAt: Date.now() };
      }),
    );
    const ids = new Set(created.map((annotation) => annotation.id));
    const heardIds = () =>
      live.heard
        .map((note) => JSON.parse(note.payload) as { id: string; type: string })
        .filter((note) => ids.has(note.id));
    await waitFor(() => heardIds().length >= ids.size);
    await new Promise((resolve) => setTimeout(resolve, 200)); // anything sent twice would be here by now
    await live.end();

    expect(heardIds().map((note) => note.type)).toEqual(Array(ids.size).fill("annotation.created"));
    expect(new Set(heardIds().map((note) => note.id))).toEqual(ids);
    // Sent right after each write's commit, not at the next sweep.
    const slowest = Math.max(
      ...created.map(({ id, respondedAt }) => live.heard.find((note) => note.payload.includes(id))!.at - respondedAt),
    );
    console.log(`the slowest of 16 writes at once was heard ${slowest} ms after its response`);
    expect(slowest).toBeLessThan(PROMPTLY_MS);
    for (const id of ids) expect(await outboxRowsAbout(id)).toBe(0);
  });

  it(
    "are sent once by deliverers running at once, " + "changes of access before the changes waiting with them",
    async () => {
      const channel = "parallax_outbox_test";
      const live = await listener(channel, "parallax_access");
      const nobody = "00000000-0000-7000-8000-000000000000"; // a user no stream belongs to
      const writer = await connect();
      try {
        // 300 changes committed together, every tenth a change of access.
        await writer.query(
          `INSERT INTO notification_outbox (channel, payload)
         SELECT CASE WHEN n % 10 = 0 THEN 'parallax_access' ELSE $1 END,
           CASE WHEN n % 10 = 0 THEN json_build_object('userId', $2::text, 'n', n)::text ELSE n::text END
         FROM generate_series(1, 300) AS n`,
          [channel, nobody],
        );
      } finally {
        await writer.end();
      }
      const deliverers = await Promise.all([connect(), connect(), connect()]);
      try {
        await Promise.all(
          deliverers.map(async (client) => {
            while (
              (await client.query<{ sent: number }>("SELECT parallax_deliver_notifications(25) AS sent")).rows[0]!
                .sent > 0
            );
          }),
        );
      } finally {
        await Promise.all(deliverers.map((client) => client.end()));
      }
      const ours = () => live.heard.filter((note) => note.channel === channel || note.payload.includes(nobody));
      await waitFor(() => ours().length >= 300);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await live.end();

      const heard = ours();
      expect(heard).toHaveLength(300);
      const numbers = heard.map((note) =>
        note.channel === channel ? Number(note.payload) : (JSON.parse(note.payload) as { n: number }).n,
      );
      expect(new Set(numbers).size).toBe(300);
      expect(heard.slice(0, 30).every((note) => note.channel === "parallax_access")).toBe(true);
    },
  );
});
