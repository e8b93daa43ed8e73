import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations, diffDatabaseToSchema } from "../../scripts/lib/schema-engine";

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("applied to an empty database give exactly schema.prisma", async () => {
    const scratch = `parallax_migrations_${process.pid}`;
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${scratch}`;
    await admin(`DROP DATABASE IF EXISTS ${scratch}`);
    await admin(`CREATE DATABASE ${scratch}`);
    try {
      const applied = await applyMigrations(url.toString());
      expect(applied.length).toBeGreaterThan(0);
      expect(await applyMigrations(url.toString())).toEqual([]);
      expect(await diffDatabaseToSchema(url.toString())).toBeNull();
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    }
  });
});
