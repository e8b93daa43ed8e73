import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { actorFor, type Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit";
import { checkCredentials, credentialsInput } from "@/lib/auth/credentials";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { notFound, unauthorized } from "@/lib/errors";
import { isUuid, label, parseInput } from "@/lib/validation";

const TOKEN_PREFIX = "plx_";
const DEFAULT_LIFETIME_DAYS = 90;
/** Writing last-used on every request would turn each read into a write. */
const LAST_USED_RESOLUTION_MS = 5 * 60_000;

const createTokenInput = z.strictObject({
  ...credentialsInput.shape,
  name: label(100).optional(),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export interface CreatedToken {
  id: string;
  token: string;
  name: string;
  expiresAt: string;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Exchanges an email and password for a personal access token for scripts.
 * 256 random bits from the CSPRNG; only its SHA-256 is stored, so the token
 * is shown this once.
 */
export async function createApiToken(input: unknown, address: string | null = null): Promise<CreatedToken> {
  const { email, password, name, expiresInDays } = parseInput(createTokenInput, input);
  const user = await checkCredentials(email, password, address);
  if (!user) throw unauthorized("Wrong email or password.");
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + (expiresInDays ?? DEFAULT_LIFETIME_DAYS) * 86_400_000);
  const created = await db().$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { userId: user.id, name: name ?? "API token", tokenHash: hashToken(token), expiresAt },
    });
    await recordAudit(tx, actorFor(user, "session"), {
      projectId: null,
      action: "token.create",
      entityType: "ApiToken",
      entityId: row.id,
      after: { name: row.name, expiresAt: row.expiresAt },
    });
    return row;
  });
  return { id: created.id, token, name: created.name, expiresAt: expiresAt.toISOString() };
}

/**
 * A checked token is trusted for this long without asking PostgreSQL again:
 * scripts call the API in bursts, and the check was a round trip of its own
 * on every request (npm run bench). A revocation made through this process
 * takes effect at once; one made elsewhere (another instance, plain SQL)
 * within this time: half a second, so that it is refused everywhere within a
 * second however loaded the instances are (npm run test:cluster).
 */
const CHECKED_TOKEN_TTL_MS = 500;
const MAX_CHECKED_TOKENS = 1_000;

interface CheckedToken {
  actor: Actor;
  tokenId: string;
  expiresAt: number | null;
  checkedAt: number;
}

/**
 * Checks by the token's hash, and a count of revocations (a check that raced
 * one is not remembered). On `globalThis`: every route bundle of the server
 * must see the same ones.
 */
const globalForTokens = globalThis as unknown as {
  parallaxCheckedTokens?: { byHash: Map<string, CheckedToken>; revocations: number };
};
function checkedTokens() {
  globalForTokens.parallaxCheckedTokens ??= { byHash: new Map(), revocations: 0 };
  return globalForTokens.parallaxCheckedTokens;
}

/** The actor a bearer token stands for, or null if it is unknown, revoked or expired. */
export async function actorForToken(token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const now = Date.now();
  const checks = checkedTokens();
  const checked = checks.byHash.get(tokenHash);
  if (
    checked &&
    now - checked.checkedAt < CHECKED_TOKEN_TTL_MS &&
    (checked.expiresAt === null || checked.expiresAt > now)
  )
    return checked.actor;
  checks.byHash.delete(tokenHash);

  const revocationsBefore = checks.revocations;
  const row = await findValidToken(Prisma.sql`t.token_hash = ${tokenHash}`);
  if (!row) return null;
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db().apiToken.update({ where: { id: row.tokenId }, data: { lastUsedAt: new Date(now) } });
  }
  const actor = tokenActor(row);
  if (checks.revocations === revocationsBefore) {
    // The oldest entry makes room: Map keeps insertion order.
    if (checks.byHash.size >= MAX_CHECKED_TOKENS) checks.byHash.delete(checks.byHash.keys().next().value!);
    checks.byHash.set(tokenHash, {
      actor,
      tokenId: row.tokenId,
      expiresAt: row.expiresAt?.getTime() ?? null,
      checkedAt: now,
    });
  }
  return actor;
}

type ValidTokenRow = { tokenId: string; lastUsedAt: Date | null; expiresAt: Date | null } & Parameters<
  typeof actorFor
>[0];

/**
 * The token `match` selects, with its user, unless it is revoked or expired. One plain join (a Prisma relation read
 * costs about twice as much).
 */
async function findValidToken(match: Prisma.Sql): Promise<ValidTokenRow | undefined> {
  const [row] = await db().$queryRaw<ValidTokenRow[]>`
    SELECT t.id AS "tokenId", t.last_used_at AS "lastUsedAt", t.expires_at AS "expiresAt", u.id, u.email, u.name,
      u.site_role::text AS "siteRole"
    FROM api_tokens t JOIN users u ON u.id = t.user_id
    WHERE ${match} AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())`;
  return row;
}

function tokenActor(row: ValidTokenRow): Actor {
  return actorFor(row, "token", { kind: "token", tokenId: row.tokenId });
}

/**
 * The actor of a token that was checked before (by a live stream), as the
 * database has it now, bypassing the checks remembered for a second; null
 * once it is revoked or expired.
 */
export async function actorForTokenId(tokenId: string): Promise<Actor | null> {
  const row = await findValidToken(Prisma.sql`t.id = ${tokenId}::uuid`);
  return row ? tokenActor(row) : null;
}

/** Forgets the checks of a revoked token, so that its next use is refused. */
function forgetCheckedToken(tokenId: string): void {
  const checks = checkedTokens();
  checks.revocations++;
  for (const [tokenHash, checked] of checks.byHash) if (checked.tokenId === tokenId) checks.byHash.delete(tokenHash);
}

export interface TokenView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
}

/** The caller's tokens that are not revoked (expired ones too, marked by their date), newest first. */
export async function listApiTokens(actor: Actor): Promise<{ items: TokenView[] }> {
  const rows = await db().apiToken.findMany({
    where: { userId: actor.userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
  });
  return {
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      expiresAt: row.expiresAt?.toISOString() ?? null,
    })),
  };
}

/** Revokes one of the caller's own tokens; anybody else's is not found. */
export async function revokeApiToken(actor: Actor, tokenId: string): Promise<void> {
  if (!isUuid(tokenId)) throw notFound("Token");
  await db().$transaction(async (tx) => {
    const revoked = await tx.apiToken.updateMany({
      where: { id: tokenId, userId: actor.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (revoked.count === 0) throw notFound("Token");
    await recordAudit(tx, actor, {
      projectId: null,
      action: "token.revoke",
      entityType: "ApiToken",
      entityId: tokenId,
    });
  });
  forgetCheckedToken(tokenId);
}
