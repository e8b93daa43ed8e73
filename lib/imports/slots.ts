import "server-only";
import { E_TIMEOUT, Semaphore, type SemaphoreInterface, withTimeout } from "async-mutex";
import { env } from "@/lib/env";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

/** How long an import waits for a slot before it is told to come back later. */
const WAIT_MS = 10_000;
const RETRY_AFTER_SECONDS = 10;
/** At most this many imports wait per slot; more are told to come back at once (each holds its file in memory). */
const WAITING_PER_SLOT = 4;

/**
 * How many imports run at once in this app instance: a quarter of its
 * database connections (PARALLAX_DB_POOL_SIZE), at least one. An import holds
 * a connection for its whole transaction; the rest stay for everyone else.
 */
export function importSlotCount(): number {
  return Math.max(1, Math.floor(env().PARALLAX_DB_POOL_SIZE / 4));
}

/** One queue per process (on globalThis: route bundles may each load this module). */
const shared = globalThis as unknown as { parallaxImportSlots?: { slots: SemaphoreInterface; waiting: number } };

function busy(count: number): AppError {
  return new AppError(
    "service_unavailable",
    `This server runs ${count} import${count === 1 ? "" : "s"} at a time and others are waiting; send this one again ` +
      `in ${RETRY_AFTER_SECONDS} seconds.`,
    { limit: "concurrent imports", concurrentImports: count, retryAfterSeconds: RETRY_AFTER_SECONDS },
  );
}

/**
 * Runs an import when one of the instance's import slots is free. Over the
 * limit it waits up to 10 s, then (or at once when many are already waiting)
 * answers 503 with `Retry-After`: nothing of it is stored.
 */
export async function withImportSlot<T>(work: () => Promise<T>): Promise<T> {
  const count = importSlotCount();
  const queue = shared.parallaxImportSlots ?? {
    slots: withTimeout(new Semaphore(count), WAIT_MS, E_TIMEOUT),
    waiting: 0,
  };
  shared.parallaxImportSlots = queue;
  if (queue.slots.isLocked() && queue.waiting >= count * WAITING_PER_SLOT) throw busy(count);
  queue.waiting++;
  let release: () => void;
  try {
    [, release] = await queue.slots.acquire();
  } catch (error) {
    throw error === E_TIMEOUT ? busy(count) : error;
  } finally {
    queue.waiting--;
  }
  try {
    return await work();
  } finally {
    release();
  }
}

/**
 * The longest an import's transaction may hold its connection. The largest
 * body (5 MB, some 20,000 annotations) is written in seconds (npm run bench);
 * past this the server is overloaded, and the import is undone and answered
 * 503 rather than left to hold its connection.
 */
const IMPORT_TIMEOUT_MS = 60_000;

/** Runs an import in one transaction, in one of the instance's import slots. */
export function importTransaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return withImportSlot(async () => {
    try {
      return await db().$transaction(work, { timeout: IMPORT_TIMEOUT_MS });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2028") {
        // The transaction did not start (no connection within Prisma's maxWait) or did not finish within
        // IMPORT_TIMEOUT_MS.
        throw new AppError(
          "service_unavailable",
          `The server could not do the import in time (${IMPORT_TIMEOUT_MS / 1000} s at most) and undid it; send it ` +
            `again later, or in smaller files.`,
          {
            limit: "import duration",
            retryAfterSeconds: 30,
          },
        );
      }
      throw error;
    }
  });
}
