import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

export type Db = PrismaClient;
/** A Prisma client or an interactive transaction of one. */
export type DbClient = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const globalForPrisma = globalThis as unknown as { parallaxPrisma?: PrismaClient };

/**
 * The one Prisma client of this process, created on first use (so that
 * `next build` can import modules without a database) and kept on
 * `globalThis` so that hot reloads in development do not open new pools.
 */
export function db(): PrismaClient {
  globalForPrisma.parallaxPrisma ??= new PrismaClient({
    adapter: new PrismaPg({
      connectionString: env().DATABASE_URL,
      max: env().PARALLAX_DB_POOL_SIZE,
      // Fail fast when PostgreSQL is down instead of hanging the request.
      connectionTimeoutMillis: 5_000,
    }),
  });
  return globalForPrisma.parallaxPrisma;
}
