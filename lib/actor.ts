import type { SiteRole } from "@/lib/generated/prisma/enums";

/** Who is calling: a signed-in user (session cookie) or a script (personal access token). */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  siteRole: SiteRole;
  via: "session" | "token" | "system";
}

export function actorFor(
  user: { id: string; email: string; name: string; siteRole: SiteRole },
  via: Actor["via"],
): Actor {
  return { userId: user.id, email: user.email, name: user.name, siteRole: user.siteRole, via };
}

export function isAdmin(actor: Actor): boolean {
  return actor.siteRole === "ADMIN";
}
