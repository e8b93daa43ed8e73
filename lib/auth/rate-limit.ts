import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

/** At most this many failed attempts per account and per address within the window. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
/**
 * While an account is over its limit, its owner still gets in from an
 * address that has not failed on it: one attempt per this interval, so that
 * a guesser who rotates addresses is slowed to a crawl (each address may
 * guess once, then it has failed) but cannot lock the owner out.
 */
export const LOCKED_ACCOUNT_INTERVAL_MS = 30_000;

export interface Attempt {
  /** The email the attempt is for (any spelling: it is normalised). */
  email: string;
  /** The client's address (lib/auth/client-address.ts), or null when unknown. */
  address: string | null;
}

/** The 429 of a refused attempt; `details.retryAfterSeconds` becomes the Retry-After header. */
export function tooManyAttempts(retryAfterSeconds: number): AppError {
  const wait =
    retryAfterSeconds < 60 ? `${retryAfterSeconds} second(s)` : `${Math.ceil(retryAfterSeconds / 60)} minute(s)`;
  return new AppError("rate_limited", `Too many failed attempts. Try again in ${wait}.`, { retryAfterSeconds });
}

/**
 * Admits an attempt or throws 429, in one atomic step: one call of the
 * database function parallax_admit_auth_attempt (in the migration that
 * made auth_failures one row per attempt), which locks the account's and
 * the address's counts, counts the attempts of the window and records this
 * one before the locks are released. Parallel attempts therefore queue and
 * each sees the ones before it: no more than MAX_FAILURES passwords are
 * checked per account or address in the window however many arrive at
 * once, since an admitted attempt counts as a failure until its password
 * proves right (forgetAccountFailures). The rules, in that function's order:
 * - an address with MAX_FAILURES failures in the window is refused until fewer remain;
 * - so is an account, except for an address with no failure on it, which
 *   gets one attempt per LOCKED_ACCOUNT_INTERVAL_MS.
 */
export async function admitAttempt(attempt: Attempt): Promise<void> {
  const [row] = await db().$queryRaw<{ wait: number | null }[]>`
    SELECT parallax_admit_auth_attempt(${attempt.email.trim().toLowerCase()}, ${attempt.address}, ${MAX_FAILURES}::int,
      ${`${FAILURE_WINDOW_MS} milliseconds`}::interval, ${`${LOCKED_ACCOUNT_INTERVAL_MS} milliseconds`}::interval) AS
        wait`;
  if (row?.wait != null) throw tooManyAttempts(row.wait);
}

/** After a success, the account's failures (its own attempt's record among them) no longer count, from any address. */
export async function forgetAccountFailures(email: string): Promise<void> {
  await db().$executeRaw(Prisma.sql`DELETE FROM auth_failures WHERE email = ${email.trim().toLowerCase()}`);
}
