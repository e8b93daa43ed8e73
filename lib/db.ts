import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { type Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { watchWrites, WriteTrackingClient } from "@/lib/notification-outbox";

export type Db = PrismaClient;
/** A Prisma client or an interactive transaction of one. */
export type DbClient = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const globalForPrisma = globalThis as unknown as {
  parallaxPrisma?: PrismaClient;
  parallaxPool?: pg.Pool;
  parallaxStatementNames?: Map<string, string>;
};

/**
 * The one Prisma client of this process, created on first use (so that
 * `next build` can import modules without a database) and kept on
 * `globalThis` so that hot reloads in development do not open new pools.
 */
export function db(): PrismaClient {
  globalForPrisma.parallaxPrisma ??= createClient(pool());
  return globalForPrisma.parallaxPrisma;
}

/**
 * One statement run on Prisma's pool without Prisma, its rows as `pg`
 * parses them: for the hottest statements (creating an annotation, listing
 * an article's), where Prisma's own cost per statement was a large share of
 * the request's CPU (npm run bench, 16 clients at once), and for the largest
 * reads (an agreement's spans). Everything else goes through db().
 */
export async function rawQuery<Row extends pg.QueryResultRow>(
  statement: Prisma.Sql,
): Promise<{ rows: Row[]; rowCount: number }> {
  const name = env().PARALLAX_DB_PREPARED_STATEMENTS ? preparedStatementName({ sql: statement.text }) : "";
  const { rows, rowCount } = await pool().query<Row>({
    text: statement.text,
    values: statement.values,
    ...(name && { name }),
  });
  return { rows, rowCount: rowCount ?? 0 };
}

function pool(): pg.Pool {
  globalForPrisma.parallaxPool ??= createPool();
  return globalForPrisma.parallaxPool;
}

function createPool(): pg.Pool {
  const pool = new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: env().PARALLAX_DB_POOL_SIZE,
    // Fail fast when PostgreSQL is down instead of hanging the request.
    connectionTimeoutMillis: 5_000,
    Client: WriteTrackingClient,
  });
  // An idle connection that PostgreSQL cuts (a restart, a crash) is dropped from the pool and the next query opens
  // another; without a listener the pool's 'error' event would end the whole server.
  pool.on("error", () => {});
  // The live notifications of a write leave right after its commit.
  watchWrites(pool);
  return pool;
}

function createClient(pool: pg.Pool): PrismaClient {
  return new PrismaClient({
    // Other formats capture a stack trace on every query to point at the
    // caller in error messages: a cost per query (npm run bench) for text
    // that no one reads (lib/next/respond.ts answers with its own messages).
    errorFormat: "minimal",
    adapter: new PrismaPg(
      pool,
      env().PARALLAX_DB_PREPARED_STATEMENTS ? { statementNameGenerator: preparedStatementName } : {},
    ),
  });
}

/**
 * At most this many distinct statements are prepared: statements whose text
 * varies without end (an IN list per length) would otherwise fill each
 * connection's statement cache; the rest run unprepared.
 */
const MAX_PREPARED_STATEMENTS = 500;

/**
 * A name per statement text, so that each connection parses and plans a
 * statement once and reuses it: planning the annotation list took as long
 * as running it (npm run bench). Off with PARALLAX_DB_PREPARED_STATEMENTS=false:
 * a pooler in transaction mode may run the next transaction on a server
 * connection where the name was never prepared.
 *
 * The names live beside the pool on globalThis: Next.js bundles this module
 * once for pages and once for routes, and two copies numbering from 1 would
 * give one name to two statements on the same connection.
 */
function preparedStatementName({ sql }: { sql: string }): string {
  globalForPrisma.parallaxStatementNames ??= new Map();
  const statementNames = globalForPrisma.parallaxStatementNames;
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_PREPARED_STATEMENTS) {
    name = `parallax_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return name ?? ""; // "": the unnamed statement, planned each time
}
