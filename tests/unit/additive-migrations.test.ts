import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * While a new version migrates, instances of the previous one keep serving
 * (README, "Rolling out a new version"): a migration may add, never take away
 * or change what the previous version reads and writes. Removing something
 * the code no longer uses is a later migration of its own, marked with a
 * first line `-- contract: <what no release since reads>`.
 */
const BREAKING = [
  /\bDROP\s+(TABLE|COLUMN|TYPE|VIEW|SCHEMA)\b/i,
  /\bRENAME\b/i,
  /\bALTER\s+COLUMN\s+\S+\s+(SET\s+DATA\s+)?TYPE\b/i,
  /\bALTER\s+COLUMN\s+\S+\s+SET\s+NOT\s+NULL\b/i,
  /\bTRUNCATE\b/i,
];

/**
 * The statements of `sql` that the previous version of the app could trip on, unless the migration says it contracts.
 */
function breakingStatements(sql: string): string[] {
  if (/^--\s*contract:\s*\S/.test(sql)) return [];
  const code = sql.replace(/--[^\n]*/g, "");
  return code
    .split(";")
    .map((statement) => statement.trim())
    .filter((statement) => BREAKING.some((pattern) => pattern.test(statement)));
}

/** Written before rolling upgrades were supported; each ran with every instance stopped. */
const BEFORE_ROLLING_UPGRADES = new Set(["20261205190921_auth_attempts_by_email_and_address"]);

const migrationsDir = path.resolve(import.meta.dirname, "../../prisma/migrations");

describe("migrations are additive", () => {
  it("tells a breaking statement from an additive one", () => {
    expect(breakingStatements(`ALTER TABLE "a" ADD COLUMN "b" TEXT; CREATE INDEX "i" ON "a" ("b");`)).toEqual([]);
    expect(breakingStatements(`ALTER TABLE "a" DROP COLUMN "b";`)).toHaveLength(1);
    expect(breakingStatements(`ALTER TABLE "a" RENAME COLUMN "b" TO "c";`)).toHaveLength(1);
    expect(breakingStatements(`ALTER TABLE "a" ALTER COLUMN "b" SET DATA TYPE INTEGER;`)).toHaveLength(1);
    expect(breakingStatements(`ALTER TABLE "a" ALTER COLUMN "b" SET NOT NULL;`)).toHaveLength(1);
    expect(breakingStatements(`-- contract: nothing since 1.4 reads a.b\nALTER TABLE "a" DROP COLUMN "b";`)).toEqual(
      [],
    );
    expect(breakingStatements(`-- the old DROP COLUMN is gone\nSELECT 1;`)).toEqual([]);
  });

  it("every migration adds, or says it contracts", () => {
    const migrations = readdirSync(migrationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const breaking = migrations
      .filter((name) => !BEFORE_ROLLING_UPGRADES.has(name))
      .flatMap((name) =>
        breakingStatements(readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8")).map(
          (statement) => `${name}: ${statement.slice(0, 120)}`,
        ),
      );
    expect(breaking).toEqual([]);
  });
});
