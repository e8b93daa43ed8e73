/**
 * A rolling upgrade as docs/deploy.md describes it: the instances that run
 * keep serving while the next version's instance migrates the database.
 * The next version here is the committed migrations plus one more, additive
 * as the rules want (tests/unit/additive-migrations.test.ts): a column with
 * a default and an index on the busiest table, and a new table.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO_ARTICLES } from "../../lib/demo.ts";
import { CheckFailed, firstWord } from "./cluster-checks.ts";
import { applyMigrations, migrationsDir } from "./schema-engine.ts";

export const NEXT_VERSION_MIGRATION = "99991231000000_next_version";
const NEXT_VERSION_SQL = `-- A later version's migration, as the cluster test applies it under running instances.
ALTER TABLE "annotations" ADD COLUMN "next_version_flag" BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX "annotations_next_version_flag_idx" ON "annotations" ("article_id", "next_version_flag");
CREATE TABLE "next_version_notes" (
  "id" UUID NOT NULL PRIMARY KEY,
  "annotation_id" UUID NOT NULL REFERENCES "annotations" ("id"),
  "body" TEXT NOT NULL
);
`;
const WORKERS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writers and readers through the balancer for a second, then while
 * the next version's migration is applied through `directUrl`, then a second
 * more: every request must succeed. `folder` takes the next version's
 * migrations.
 */
export async function checkRollingUpgrade(options: {
  balancerUrl: string;
  token: string;
  directUrl: string;
  folder: string;
}): Promise<string> {
  const { balancerUrl, token } = options;
  const nextVersion = path.join(options.folder, "next-version-migrations");
  rmSync(nextVersion, { recursive: true, force: true });
  cpSync(migrationsDir, nextVersion, { recursive: true });
  mkdirSync(path.join(nextVersion, NEXT_VERSION_MIGRATION));
  writeFileSync(path.join(nextVersion, NEXT_VERSION_MIGRATION, "migration.sql"), NEXT_VERSION_SQL);

  const articleId = DEMO_ARTICLES[0].id;
  const span = await firstWord(balancerUrl, token);
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const failures: string[] = [];
  let requests = 0;
  let isRunning = true;
  const worker = async (n: number) => {
    while (isRunning) {
      const isWrite = n % 2 === 0;
      const kind = isWrite ? "write" : "read";
      requests++;
      try {
        const response = await fetch(`${balancerUrl}/api/v1/articles/${articleId}/annotations`, {
          method: isWrite ? "POST" : "GET",
          headers,
          body: isWrite ? JSON.stringify({ ...span, note: `during the upgrade ${requests}` }) : undefined,
          signal: AbortSignal.timeout(15_000),
        });
        const body = await response.text();
        if (response.status !== (isWrite ? 201 : 200))
          failures.push(`${kind}: ${response.status} ${body.slice(0, 200)}`);
      } catch (error) {
        failures.push(`${kind}: ${(error as Error).message}`);
      }
    }
  };
  const workers = Array.from({ length: WORKERS }, (_, n) => worker(n));
  await sleep(1_000);
  const started = Date.now();
  const applied = await applyMigrations(options.directUrl, { directory: nextVersion });
  const migrationMs = Date.now() - started;
  await sleep(1_000);
  isRunning = false;
  await Promise.all(workers);
  if (applied.join() !== NEXT_VERSION_MIGRATION)
    throw new CheckFailed(`the next version's migration applied ${applied.join(", ") || "nothing"}`);
  if (failures.length)
    throw new CheckFailed(
      `${failures.length} of ${requests} requests failed while the next version migrated: ` +
        `${[...new Set(failures)].slice(0, 3).join("; ")}`,
    );
  return (
    `the next version migrated (a column and an index on annotations, a new table: ${migrationMs} ms) under ` +
    `${WORKERS} writers and readers through the balancer: ${requests} requests, none failed`
  );
}
