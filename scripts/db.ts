/**
 * Database chores, on the embedded PostgreSQL (or DATABASE_URL's server):
 *   npm run db:migrate                 apply the committed migrations
 *   npm run db:new-migration -- <name> write a migration from schema.prisma changes
 *   npm run db:seed                    load the demo data (idempotent)
 *   npm run db:check                   fail if the migrations do not give schema.prisma
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { embeddedPort, provideDatabaseServer } from "./lib/database.ts";
import { log } from "./lib/log.ts";
import { applyMigrations, diffDatabaseToSchema, migrationsDir } from "./lib/schema-engine.ts";

const [command, name] = process.argv.slice(2);

/** A throw-away database with the committed migrations applied. */
async function withMigratedScratchDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const server = await provideDatabaseServer("pg", embeddedPort("PARALLAX_PG_PORT", 54329));
  const scratch = `parallax_scratch_${process.pid}`;
  try {
    await server.createDatabaseIfMissing(scratch);
    await applyMigrations(server.urlFor(scratch));
    return await work(server.urlFor(scratch));
  } finally {
    await server.dropDatabase(scratch);
    await server.stop();
  }
}

async function main(): Promise<number> {
  switch (command) {
    case "migrate": {
      const server = await provideDatabaseServer("pg", embeddedPort("PARALLAX_PG_PORT", 54329));
      try {
        const url = process.env.DATABASE_DIRECT_URL ?? process.env.DATABASE_URL ?? server.urlFor("parallax");
        if (!process.env.DATABASE_URL) await server.createDatabaseIfMissing("parallax");
        const applied = await applyMigrations(url);
        log(applied.length ? `applied: ${applied.join(", ")}` : "nothing to apply");
      } finally {
        await server.stop();
      }
      return 0;
    }
    case "new-migration": {
      if (!name || !/^[a-z0-9_]+$/.test(name))
        throw new Error("usage: npm run db:new-migration -- <name_in_snake_case>");
      const sql = await withMigratedScratchDatabase(diffDatabaseToSchema);
      if (sql === null) {
        log("schema.prisma and the migrations agree: nothing to write");
        return 0;
      }
      const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
      const folder = path.join(migrationsDir, `${stamp}_${name}`);
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, "migration.sql"), sql);
      writeFileSync(path.join(migrationsDir, "migration_lock.toml"), 'provider = "postgresql"\n');
      log(`wrote ${path.relative(process.cwd(), folder)}/migration.sql: review it, then commit it`);
      return 0;
    }
    case "check": {
      const sql = await withMigratedScratchDatabase(diffDatabaseToSchema);
      if (sql !== null) {
        console.error(`The migrations do not give schema.prisma; missing:\n${sql}`);
        return 2;
      }
      log("the migrations give exactly schema.prisma");
      return 0;
    }
    case "seed": {
      const server = await provideDatabaseServer("pg", embeddedPort("PARALLAX_PG_PORT", 54329));
      try {
        const url = process.env.DATABASE_URL ?? server.urlFor("parallax");
        process.env.DATABASE_URL = url;
        process.env.AUTH_SECRET ??= "x".repeat(32); // the seed signs nothing
        const { seedDemoOnce } = await import("../prisma/seed/demo.ts");
        const created = await seedDemoOnce(process.env.DATABASE_DIRECT_URL ?? url);
        log(created.length ? `created: ${created.join("; ")}` : "demo data already present");
      } finally {
        await server.stop();
      }
      return 0;
    }
    default:
      throw new Error("usage: tsx scripts/db.ts migrate | new-migration <name> | seed | check");
  }
}

// The schema engine leaves a timer running: exit explicitly.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[parallax] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
