import pg from "pg";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** One node of a plan as `EXPLAIN (FORMAT JSON)` gives it (the fields the checks read). */
export interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Sort Key"?: string[];
  /** A WITH query's plan: "CTE name". */
  "Subplan Name"?: string;
  Plans?: PlanNode[];
}

/** The plan PostgreSQL chooses for a statement; with `analyze`, run too, with the rows each node gave. */
export async function planOf(
  statement: Prisma.Sql,
  { analyze = false }: { analyze?: boolean } = {},
): Promise<PlanNode> {
  const options = analyze ? Prisma.sql`ANALYZE, TIMING OFF, FORMAT JSON` : Prisma.sql`FORMAT JSON`;
  const [row] = await db().$queryRaw<{ "QUERY PLAN": unknown }[]>(Prisma.sql`EXPLAIN (${options}) ${statement}`);
  const json = row!["QUERY PLAN"];
  const [{ Plan }] = (typeof json === "string" ? JSON.parse(json) : json) as [{ Plan: PlanNode }];
  return Plan;
}

/** Every node of the plan, depth first. */
export function planNodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(planNodes)];
}

/** The tables the plan reads whole (a sequential scan, parallel or not). */
export function seqScannedTables(plan: PlanNode): string[] {
  return planNodes(plan).flatMap((node) =>
    node["Node Type"].endsWith("Seq Scan") && node["Relation Name"] ? [node["Relation Name"]] : [],
  );
}

/** The indexes the plan reads. */
export function indexesRead(plan: PlanNode): string[] {
  return planNodes(plan).flatMap((node) => (node["Index Name"] ? [node["Index Name"]] : []));
}

/** The plan as EXPLAIN prints it (for a failing check's message); `verbose` names each node's output columns too. */
export async function planText(
  statement: Prisma.Sql,
  { verbose = false }: { verbose?: boolean } = {},
): Promise<string> {
  const rows = await db().$queryRaw<{ "QUERY PLAN": string }[]>(
    Prisma.sql`EXPLAIN ${verbose ? Prisma.sql`(VERBOSE)` : Prisma.empty} ${statement}`,
  );
  return rows.map((row) => row["QUERY PLAN"]).join("\n");
}

const VISIBILITY_WAIT_MS = 15_000;

/**
 * Up-to-date statistics for the tables, as autovacuum keeps them on a live
 * server (a test's fresh rows have none yet): VACUUM gives the planner an
 * index's own size, ANALYZE the columns'. Outside Prisma's pool: VACUUM runs
 * in no transaction.
 */
export async function refreshStatistics(...tables: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    // A page whose rows some open transaction (another test file's) may not see yet stays out of the visibility map,
    // and the planner then prefers reading rows to an index-only scan: vacuum again until every page is in it, for at
    // most VISIBILITY_WAIT_MS (the test's own time is limited too; a plan check then fails with its plan).
    const deadline = Date.now() + VISIBILITY_WAIT_MS;
    for (;;) {
      await admin.query(`VACUUM ANALYZE ${tables.join(", ")}`);
      const { rows } = await admin.query<{ relname: string }>(
        "SELECT relname FROM pg_class WHERE relname = ANY($1) AND relkind = 'r' AND relallvisible < relpages",
        [tables],
      );
      if (rows.length === 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await admin.end();
  }
}
