import "server-only";
import { db } from "@/lib/db";

const DB_CHECK_TIMEOUT_MS = 3_000;

export interface Health {
  status: "ok" | "error";
  db: "ok" | "down";
}

/** Whether PostgreSQL answers a trivial query within a few seconds. */
export async function checkHealth(): Promise<Health> {
  try {
    await Promise.race([
      db().$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), DB_CHECK_TIMEOUT_MS).unref()),
    ]);
    return { status: "ok", db: "ok" };
  } catch {
    return { status: "error", db: "down" };
  }
}
