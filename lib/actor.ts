import type { SiteRole } from "@/lib/generated/prisma/enums";

/**
 * What a request signed in with, so that a request that lasts (a live stream)
 * can check later that it still holds: the token, or the session version the
 * cookie was issued under.
 */
export type Credential = { kind: "token"; tokenId: string } | { kind: "session"; sessionVersion: number };

/** Who is calling: a signed-in user (session cookie) or a script (personal access token). */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  siteRole: SiteRole;
  via: "session" | "token" | "system";
  credential?: Credential;
}

export function actorFor(
  user: { id: string; email: string; name: string; siteRole: SiteRole },
  via: Actor["via"],
  credential?: Credential,
): Actor {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    siteRole: user.siteRole,
    via,
    ...(credential ? { credential } : {}),
  };
}

export function isAdmin(actor: Actor): boolean {
  return actor.siteRole === "ADMIN";
}
