import "server-only";
import { z } from "zod";
import { actorFor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/actor";
import { checkCredentials, emailAddress } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { db, type DbClient } from "@/lib/db";
import { env } from "@/lib/env";
import { conflict, forbidden, unprocessable } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { isUuid, label, parseInput, storableString } from "@/lib/validation";

export const MIN_PASSWORD_LENGTH = 10;

const newPassword = storableString
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024, "must be at most 1024 characters");

const signUpInput = z.strictObject({
  email: emailAddress,
  name: label(200),
  password: newPassword,
});

const changePasswordInput = z.strictObject({ currentPassword: storableString.max(1024), newPassword });

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  siteRole: "ADMIN" | "USER";
}

/** Creates an account with the site role USER, unless sign-up is switched off. */
export async function signUp(
  input: unknown,
  options: { ignoreSignupSwitch?: boolean; siteRole?: "ADMIN" | "USER" } = {},
): Promise<PublicUser> {
  if (!options.ignoreSignupSwitch && !env().PARALLAX_ALLOW_SIGNUP) {
    throw forbidden("Sign-up is switched off on this server; ask an administrator for an account.");
  }
  const { email, name, password } = parseInput(signUpInput, input);
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email }, select: { id: true, placeholder: true } });
    if (existing?.placeholder && (await isInvited(tx, email))) {
      const { sessionVersion: _version, ...claimed } = await claimPlaceholder(tx, existing.id, { name, passwordHash });
      return claimed;
    }
    if (existing) throw conflict("An account with this email already exists.");
    return createUser(tx, { email, name, passwordHash, siteRole: options.siteRole ?? "USER" });
  });
}

/** Whether a project waits for this email (a pending invitation): what lets its owner claim a placeholder account. */
async function isInvited(tx: DbClient, email: string): Promise<boolean> {
  return (await tx.invitation.count({ where: { email, project: { deletedAt: null } } })) > 0;
}

/**
 * Hands a placeholder account (made by a project import for an author) to the
 * person who signs up or signs in with its email once invited: it keeps the
 * annotations, comments and decisions it holds, and becomes an ordinary account.
 */
async function claimPlaceholder(
  tx: DbClient,
  userId: string,
  data: { name?: string; passwordHash?: string },
): Promise<PublicUser & { sessionVersion: number }> {
  const user = await tx.user.update({
    where: { id: userId },
    data: { ...data, placeholder: false },
    select: { id: true, email: true, name: true, siteRole: true, sessionVersion: true },
  });
  await recordAudit(tx, actorFor(user, "system"), {
    projectId: null,
    action: "user.claim",
    entityType: "User",
    entityId: user.id,
    after: { email: user.email, name: user.name },
  });
  return user;
}

async function createUser(
  tx: DbClient,
  data: { email: string; name: string; passwordHash: string | null; siteRole: "ADMIN" | "USER" },
): Promise<PublicUser> {
  const user = await tx.user.create({ data, select: { id: true, email: true, name: true, siteRole: true } });
  await recordAudit(tx, actorFor(user, "system"), {
    projectId: null,
    action: "user.create",
    entityType: "User",
    entityId: user.id,
    after: { email: user.email, name: user.name, siteRole: user.siteRole },
  });
  return user;
}

const pickSession = ({ id, sessionVersion }: { id: string; sessionVersion: number }) => ({ id, sessionVersion });

/** What single sign-on needs of the identity provider's ID token. */
const singleSignOnClaims = z.object({
  email: emailAddress,
  // Providers that verify addresses say so; one that says it did not is not trusted with an account.
  email_verified: z
    .unknown()
    .optional()
    .refine((verified) => verified !== false && verified !== "false"),
  name: z.string().trim().max(200).optional().catch(undefined),
});

/**
 * The account a single sign-on signs in to: the one with the identity
 * provider's email (the provider is the newsroom's own, configured by the
 * administrator, so it speaks for its addresses), created without a password
 * on the first sign-in unless sign-up is switched off. A placeholder account
 * (made by an import) is claimed once an invitation waits for its email.
 * Null when there is none to sign in to.
 */
export async function userForSingleSignOn(claims: unknown): Promise<{ id: string; sessionVersion: number } | null> {
  const parsed = singleSignOnClaims.safeParse(claims);
  if (!parsed.success) return null;
  const { email, name } = parsed.data;
  const existing = await db().user.findUnique({
    where: { email },
    select: { id: true, sessionVersion: true, placeholder: true },
  });
  if (existing?.placeholder)
    return db().$transaction(async (tx) =>
      (await isInvited(tx, email)) ? pickSession(await claimPlaceholder(tx, existing.id, {})) : null,
    );
  if (existing) return pickSession(existing);
  if (!env().PARALLAX_ALLOW_SIGNUP) return null;
  try {
    const user = await db().$transaction((tx) =>
      createUser(tx, { email, name: name || email.split("@")[0]!, passwordHash: null, siteRole: "USER" }),
    );
    return { id: user.id, sessionVersion: 0 };
  } catch (error) {
    // The same person's first sign-in in two tabs at once: the other one created the account.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return db().user.findUnique({ where: { email }, select: { id: true, sessionVersion: true } });
    }
    throw error;
  }
}

/**
 * Changes the caller's password after checking the current one (counted by
 * the sign-in rate limit), and ends every session signed in before: the
 * browser signs in again with the new password. Tokens stay valid (they are
 * revoked one by one).
 */
export async function changePassword(actor: Actor, input: unknown, address: string | null = null): Promise<void> {
  const { currentPassword, newPassword: password } = parseInput(changePasswordInput, input);
  if (!(await checkCredentials(actor.email, currentPassword, address))) {
    throw unprocessable("The current password is wrong.", {
      issues: [{ path: "currentPassword", message: "is wrong" }],
    });
  }
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, actor, {
      projectId: null,
      action: "user.password-change",
      entityType: "User",
      entityId: actor.userId,
    });
  });
}

/** Whether the caller can sign in with a password (accounts made by single sign-on have none). */
export async function hasPassword(actor: Actor): Promise<boolean> {
  const user = await db().user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
  return Boolean(user?.passwordHash);
}

/** Ends every browser session of the user (sign-out: JWT sessions cannot be revoked one by one). */
export async function endSessions(userId: string): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/**
 * As endSessions, for the user of a session that signs out, if that session
 * is still valid: a copy of a cookie that has ended already cannot sign its
 * user out again.
 */
export async function endSessionsOf(userId: string, sessionVersion: number): Promise<void> {
  if (!isUuid(userId)) return;
  await db().user.updateMany({ where: { id: userId, sessionVersion }, data: { sessionVersion: { increment: 1 } } });
}
