import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { spendVerificationTime, verifyPassword } from "@/lib/auth/password";
import { admitAttempt, forgetAccountFailures } from "@/lib/auth/rate-limit";
import { storableString } from "@/lib/validation";

export const emailAddress = z.string().trim().toLowerCase().pipe(z.email("must be an email address").max(320));

export const credentialsInput = z.object({
  email: emailAddress,
  password: storableString.min(1, "must not be empty").max(1024),
});

export type VerifiedUser = {
  id: string;
  email: string;
  name: string;
  siteRole: "ADMIN" | "USER";
  sessionVersion: number;
};

/**
 * The user with this email and password, or null. Unknown emails take as long
 * as wrong passwords, so the answer does not tell which accounts exist.
 */
export async function verifyCredentials(email: string, password: string): Promise<VerifiedUser | null> {
  const user = await db().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, siteRole: true, sessionVersion: true, passwordHash: true },
  });
  if (!user?.passwordHash) {
    await spendVerificationTime(password);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash))) return null;
  const { passwordHash: _hash, ...verified } = user;
  return verified;
}

/**
 * verifyCredentials behind the rate limit: 429 once the account or the
 * address has failed too often. The attempt counts as a failure from the
 * moment it is admitted until the password proves right. Every sign-in,
 * token request and password change goes through here.
 */
export async function checkCredentials(
  email: string,
  password: string,
  address: string | null,
): Promise<VerifiedUser | null> {
  await admitAttempt({ email, address });
  const user = await verifyCredentials(email, password);
  if (user) await forgetAccountFailures(email);
  return user;
}
