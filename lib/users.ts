import "server-only";
import { z } from "zod";
import { actorFor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit";
import { emailAddress } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { conflict, forbidden } from "@/lib/errors";
import { label, parseInput, storableString } from "@/lib/validation";

export const MIN_PASSWORD_LENGTH = 10;

const signUpInput = z.strictObject({
  email: emailAddress,
  name: label(200),
  password: storableString
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(1024, "must be at most 1024 characters"),
});

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
