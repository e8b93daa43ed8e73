import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { actorFor, type Actor } from "@/lib/actor";
import { auth } from "@/lib/auth/next-auth";
import { actorForToken, actorForTokenId } from "@/lib/auth/tokens";
import { db } from "@/lib/db";
import { unauthorized } from "@/lib/errors";

/**
 * Who is calling this request: `Authorization: Bearer <token>` if the header
 * is present (a bad token is refused, never silently ignored), else the
 * next-auth session cookie. Null when nobody is signed in.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const authorization = (await headers()).get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) throw unauthorized("The Authorization header must be 'Bearer <token>'.");
    const actor = await actorForToken(match[1]);
    if (!actor) throw unauthorized("The token is unknown, expired or revoked.");
    return actor;
  }
  const session = (await auth()) as { userId?: unknown; sessionVersion?: unknown } | null;
  if (typeof session?.userId !== "string") return null;
  const sessionVersion = session.sessionVersion ?? 0;
  if (typeof sessionVersion !== "number") return null;
  return actorForSession(session.userId, sessionVersion);
});

/**
 * The user of a session cookie, unless every session issued under `sessionVersion` has ended since (or the account is
 * gone).
 */
async function actorForSession(userId: string, sessionVersion: number): Promise<Actor | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, siteRole: true, sessionVersion: true },
  });
  if (!user || user.sessionVersion !== sessionVersion) return null;
  return actorFor(user, "session", { kind: "session", sessionVersion });
}

/**
 * The caller of a request that lasts (a live stream), as the database has it
 * now: null once what it signed in with no longer holds (the token revoked or
 * expired, its sessions ended, the account deleted). The site role is read
 * afresh too.
 */
export async function recheckActor(actor: Actor): Promise<Actor | null> {
  const { credential } = actor;
  if (!credential) return actor;
  return credential.kind === "token"
    ? actorForTokenId(credential.tokenId)
    : actorForSession(actor.userId, credential.sessionVersion);
}

/** The caller, or a 401. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) throw unauthorized();
  return actor;
}

/** For pages: the signed-in user, or a redirect to sign-in that comes back to `returnTo`. */
export async function requireSignedIn(returnTo: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}
