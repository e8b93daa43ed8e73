import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit";
import { emailAddress } from "@/lib/auth/credentials";
import { db } from "@/lib/db";
import { conflict, unprocessable } from "@/lib/errors";
import type { ProjectRole } from "@/lib/generated/prisma/enums";
import { requireProjectPermission } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";

const addMemberInput = z.strictObject({
  email: emailAddress,
  role: z.enum(["EDITOR", "REVIEWER", "VIEWER"]),
});

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: ProjectRole;
}

/** Adds a registered user to the project with a role (editors only). */
export async function addMember(actor: Actor, projectId: string, input: unknown): Promise<MemberView> {
  await requireProjectPermission(actor, projectId, "member.manage");
  const { email, role } = parseInput(addMemberInput, input);
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, name: true } });
    if (!user) throw unprocessable(`No account uses ${email}; they need to sign up first.`);
    const existing = await tx.membership.findUnique({ where: { projectId_userId: { projectId, userId: user.id } } });
    if (existing) throw conflict(`${email} is already a member (${existing.role}).`);
    await tx.membership.create({ data: { projectId, userId: user.id, role } });
    await recordAudit(tx, actor, {
      projectId,
      action: "member.add",
      entityType: "Membership",
      entityId: user.id,
      after: { email: user.email, role },
    });
    return { userId: user.id, email: user.email, name: user.name, role };
  });
}
