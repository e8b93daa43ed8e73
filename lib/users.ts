import "server-only";
import { z } from "zod";
import { actorFor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/actor";
import { checkCredentials, emailAddress } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { conflict, forbidden, unprocessable } from "@/lib/errors";
import { label, parseInput, storableString } from "@/lib/validation";

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
export async function signUp(input: unknown, options: { ignoreSignupSwitch?: boolean; siteRole?: "ADMIN" | "USER" } = {}): Promise<PublicUser> {
  if (!options.ignoreSignupSwitch && !env().PARALLAX_ALLOW_SIGNUP) {
    throw forbidden("Sign-up is switched off on this server; ask an administrator for an account.");
  }
  const { email, name, password } = parseInput(signUpInput, input);
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw conflict("An account with this email already exists.");
    }
    const user = await tx.user.create({
      data: { email, name, passwordHash, siteRole: options.siteRole ?? "USER" },
      select: { id: true, email: true, name: true, siteRole: true },
    });
    await recordAudit(tx, actorFor(user, "system"), {
      projectId: null,
      action: "user.create",
      entityType: "User",
      entityId: user.id,
      after: { email: user.email, name: user.name, siteRole: user.siteRole },
    });
    return user;
  });
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
    throw unprocessable("The current password is wrong.", { issues: [{ path: "currentPassword", message: "is wrong" }] });
  }
  const passwordHash = await hashPassword(password);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, actor, { projectId: null, action: "user.password-change", entityType: "User", entityId: actor.userId });
  });
}

/** Ends every browser session of the user (sign-out: JWT sessions cannot be revoked one by one). */
export async function endSessions(userId: string): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
