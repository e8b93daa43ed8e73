import pg from "pg";
import { log } from "./log.ts";

/**
 * Runs `work` while holding PostgreSQL's session advisory lock named `name`
 * in the database at `databaseUrl`, so that instances starting together do
 * it one after the other: the first does it, the others wait for it (as
 * long as it takes, saying so once) and then find it done. A session lock
 * needs a connection of its own to PostgreSQL, not one through a pooler in
 * transaction mode: pass DATABASE_DIRECT_URL when there is one. The lock
 * goes with the session, also when this process dies.
 */
export async function withAdvisoryLock<T>(databaseUrl: string, name: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "parallax-start" });
  await client.connect();
  try {
    const key = "hashtextextended($1, 0)";
    const [row] = (
      await client.query<{ isLocked: boolean }>(`SELECT pg_try_advisory_lock(${key}) AS "isLocked"`, [name])
    ).rows;
    if (!row?.isLocked) {
      log(`waiting for another instance to finish (${name})…`);
      await client.query(`SELECT pg_advisory_lock(${key})`, [name]);
    }
    return await work();
  } finally {
    await client.end().catch(() => {});
  }
}
