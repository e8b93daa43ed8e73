import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** At most this many failed attempts per account and per address within the window; then 429. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

export interface Attempt {
  /** The email the attempt was for (any spelling: it is normalised). */
  email: string;
  /** The caller's address, when known. */
  address: string | null;
}

function accountKey(email: string): string {
  return `account:${email.trim().toLowerCase()}`;
}

function keysOf({ email, address }: Attempt): string[] {
  const keys = [accountKey(email)];
  if (address) keys.push(`address:${address}`);
  return keys;
}

/**
 * The caller's address: the last X-Forwarded-For entry, the one the reverse
 * proxy in front of the app appends (entries before it come from the client).
 * Next.js does not tell route handlers the socket's address, so without such
 * a proxy the per-address count relies on what the client sends; the
 * per-account count holds either way.
 */
export function addressOf(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}

/**
 * Throws 429 (with the seconds to wait in `details.retryAfterSeconds`, which
 * becomes the Retry-After header) when the account or the address has had
 * MAX_FAILURES failures within the window. next-auth has no limit of its own.
 */
export async function assertAttemptAllowed(attempt: Attempt): Promise<void> {
  const since = new Date(Date.now() - FAILURE_WINDOW_MS);
  const counts = await db().authFailure.groupBy({
    by: ["key"],
    where: { key: { in: keysOf(attempt) }, createdAt: { gt: since } },
    _count: { _all: true },
    _min: { createdAt: true },
  });
  const blocked = counts.filter((count) => count._count._all >= MAX_FAILURES);
  if (blocked.length === 0) return;
  const freeAt = Math.max(...blocked.map((count) => count._min.createdAt!.getTime() + FAILURE_WINDOW_MS));
  const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - Date.now()) / 1000));
  throw new AppError("rate_limited", `Too many failed attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, { retryAfterSeconds });
}

/** Counts a failed attempt against the account and the address, and forgets theirs older than the window. */
export async function recordFailure(attempt: Attempt): Promise<void> {
  const keys = keysOf(attempt);
  await db().$transaction([
    db().authFailure.deleteMany({ where: { key: { in: keys }, createdAt: { lte: new Date(Date.now() - FAILURE_WINDOW_MS) } } }),
    db().authFailure.createMany({ data: keys.map((key) => ({ key })) }),
  ]);
}

/** After a success, the account's own failures no longer count (the address's still do). */
export async function clearAccountFailures(email: string): Promise<void> {
  await db().authFailure.deleteMany({ where: { key: accountKey(email) } });
}
