import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations, diffDatabaseToSchema, readMigrations } from "../../scripts/lib/schema-engine";

async function admin(sql: string) {
  await query(process.env.DATABASE_URL!, sql);
}

async function query<Row extends Record<string, unknown>>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** A database of its own for one test, dropped afterwards. */
async function withScratchDatabase(name: string, work: (url: string) => Promise<void>): Promise<void> {
  const scratch = `parallax_${name}_${process.pid}`;
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${scratch}`;
  await admin(`DROP DATABASE IF EXISTS ${scratch}`);
  await admin(`CREATE DATABASE ${scratch}`);
  try {
    await work(url.toString());
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
  }
}

/** The migration that makes names unique in any case and normal form. */
const UNIQUE_NAMES_MIGRATION = "20261205190622_unique_name_keys";

describe("migrations", () => {
  it("applied to an empty database give exactly schema.prisma", async () => {
    await withScratchDatabase("migrations", async (url) => {
      const applied = await applyMigrations(url);
      expect(applied.length).toBeGreaterThan(0);
      expect(await applyMigrations(url)).toEqual([]);
      expect(await diffDatabaseToSchema(url)).toBeNull();
    });
  });

  it(
    "run once when several instances start together, however long the first one's take: the others wait, then find " +
      "nothing to apply",
    async () => {
      await withScratchDatabase("together", async (url) => {
        const all = readMigrations()
          .migrationDirectories.map((directory) => directory.path)
          .sort();
        const newest = all.at(-1)!;
        await applyMigrations(url, { before: newest });
        // The newest migration outlasts the schema engine's own lock (10 s): its record waits behind a lock of this
        // test's.
        const blocker = new pg.Client({ connectionString: url });
        await blocker.connect();
        try {
          await blocker.query("BEGIN; LOCK TABLE _prisma_migrations IN EXCLUSIVE MODE");
          const runs = Promise.all([applyMigrations(url), applyMigrations(url), applyMigrations(url)]);
          await new Promise((resolve) => setTimeout(resolve, 11_000));
          await blocker.query("COMMIT");
          const applied = await runs;
          expect(applied.flat()).toEqual([newest]);
        } finally {
          await blocker.end();
        }
        const [{ rows }] = (await query<{ rows: number }>(
          url,
          `SELECT count(*)::int AS rows FROM _prisma_migrations WHERE finished_at IS NOT NULL ` +
            `AND rolled_back_at IS NULL`,
        )) as [{ rows: number }];
        expect(rows).toBe(all.length);
        expect(await diffDatabaseToSchema(url)).toBeNull();
      });
    },
  );

  it("number the later of names that differ only in case or normal form, then keep every name unique", async () => {
    await withScratchDatabase("names", async (url) => {
      await applyMigrations(url, { before: UNIQUE_NAMES_MIGRATION });
      const nfd = (value: string) => value.normalize("NFD");
      const [{ user, project }] = (await query<{ user: string; project: string }>(
        url,
        `
        WITH u AS (INSERT INTO users (id, email, name, updated_at) ` +
          `VALUES (gen_random_uuid(), 'm@test.example', 'M', now()) RETURNING id),
             p AS (INSERT INTO projects (id, name, updated_at) VALUES (gen_random_uuid(), 'P', now()) RETURNING id)
        SELECT u.id AS user, p.id AS project FROM u, p`,
      )) as [{ user: string; project: string }];
      // Made one after the other (created_at in the order given): the first keeps its name.
      const insertInOrder = (sql: string, names: string[], values: unknown[] = []) =>
        query(url, `${sql} FROM unnest($1::text[]) WITH ORDINALITY AS made(name, n)`, [names, ...values]);
      await insertInOrder(
        `INSERT INTO tag_groups (id, project_id, name, position, created_at, updated_at) ` +
          `SELECT gen_random_uuid(), $2, made.name, made.n, now() + made.n * interval '1 s', now()`,
        ["Frame", "FRAME", nfd("Éthique"), "ÉTHIQUE"],
        [project],
      );
      const [group] = await query<{ id: string }>(url, `SELECT id FROM tag_groups WHERE name = 'Frame'`);
      await insertInOrder(
        `INSERT INTO tags (id, project_id, group_id, name, color, position, created_at, updated_at) ` +
          `SELECT gen_random_uuid(), $2, $3, made.name, '#000000', made.n, now() + made.n * interval '1 s', now()`,
        ["Race", "race", "RACE", "race (2)"],
        [project, group!.id],
      );
      await insertInOrder(
        `INSERT INTO sources (id, project_id, name, created_at, updated_at) ` +
          `SELECT gen_random_uuid(), $2, made.name, now() + made.n * interval '1 s', now()`,
        ["Café Gazette", nfd("Café Gazette"), "CAFÉ GAZETTE"],
        [project],
      );
      await insertInOrder(
        `INSERT INTO events (id, project_id, title, created_by_id, created_at, updated_at) ` +
          `SELECT gen_random_uuid(), $2, made.name, $3, now() + made.n * interval '1 s', now()`,
        ["Café attack", nfd("CAFÉ ATTACK")],
        [project, user],
      );
      await query(
        url,
        `INSERT INTO events (id, project_id, title, created_by_id, updated_at, deleted_at) ` +
          `VALUES (gen_random_uuid(), $1, 'café attack', $2, now(), now())`,
        [project, user],
      );

      expect(await applyMigrations(url)).toContain(UNIQUE_NAMES_MIGRATION);
      const names = async (sql: string) =>
        (await query<{ name: string }>(url, sql)).map((row) => row.name.normalize("NFC"));
      expect(await names(`SELECT name FROM tag_groups ORDER BY created_at`)).toEqual([
        "Frame",
        "FRAME (2)",
        "Éthique",
        "ÉTHIQUE (2)",
      ]);
      // "race (2)" was taken: the third Race becomes "RACE (3)".
      expect(await names(`SELECT name FROM tags ORDER BY created_at`)).toEqual([
        "Race",
        "race (3)",
        "RACE (4)",
        "race (2)",
      ]);
      expect(await names(`SELECT name FROM sources ORDER BY created_at`)).toEqual([
        "Café Gazette",
        "Café Gazette (2)",
        "CAFÉ GAZETTE (3)",
      ]);
      // Deleted events keep their titles; live ones are numbered.
      expect(await names(`SELECT title AS name FROM events ORDER BY deleted_at NULLS FIRST, created_at`)).toEqual([
        "Café attack",
        "CAFÉ ATTACK (2)",
        "café attack",
      ]);

      await expect(
        query(
          url,
          `INSERT INTO tags (id, project_id, group_id, name, color, position, updated_at) ` +
            `VALUES (gen_random_uuid(), $1, $2, $3, '#000000', 9, now())`,
          [project, group!.id, nfd("rACE")],
        ),
      ).rejects.toThrow(/duplicate key/);
      await expect(
        query(
          url,
          `INSERT INTO sources (id, project_id, name, updated_at) ` +
            `VALUES (gen_random_uuid(), $1, 'café gazette', now())`,
          [project],
        ),
      ).rejects.toThrow(/duplicate key/);
      expect(await diffDatabaseToSchema(url)).toBeNull();
    });
  });
});
