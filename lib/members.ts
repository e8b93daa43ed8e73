import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit";
import { emailAddress } from "@/lib/auth/credentials";
import { db, type DbClient } from "@/lib/db";
import { conflict, notFound, unprocessable } from "@/lib/errors";
import type { ProjectRole } from "@/lib/generated/prisma/enums";
import { type Page, pageInMemory, pageQuery } from "@/lib/pagination";
import { requireProjectPermission } from "@/lib/permissions";
import { isUuid, parseInput } from "@/lib/validation";

export const projectRole = z.enum(["EDITOR", "REVIEWER", "VIEWER"]);
const addMemberInput = z.strictObject({ email: emailAddress, role: projectRole });
const changeRoleInput = z.strictObject({ role: projectRole });

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: ProjectRole;
  /** An author a project import brought in, who has no sign-in until invited (lib/imports/authors.ts). */
  inactive?: true;
}

/**
 * Adds a registered user to the project with a role at once (editors only).
 * The API and the pages do not offer it: people join by accepting an
 * invitation (lib/invitations.ts). The demo seed and tests use it.
 */
export async function addMember(actor: Actor, projectId: string, input: unknown): Promise<MemberView> {
  await requireProjectPermission(actor, projectId, "member.manage");
  const { email, role } = parseInput(addMemberInput, input);
  return db().$transaction(async (tx) => {
    await lockProjectMembers(tx, projectId);
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

/** Everyone in the project, editors first, then by name (everyone in the project may see who is in it). */
export async function projectMembers(actor: Actor, projectId: string): Promise<MemberView[]> {
  await requireProjectPermission(actor, projectId, "member.read");
  const rows = await db().membership.findMany({
    where: { projectId },
    select: { role: true, user: { select: { id: true, email: true, name: true, placeholder: true } } },
  });
  const rank = { EDITOR: 0, REVIEWER: 1, VIEWER: 2 } as const;
  return rows
    .map(({ role: memberRole, user }) => ({
      userId: user.id,
      email: user.email,
      name: user.name,
      role: memberRole,
      ...(user.placeholder ? { inactive: true as const } : {}),
    }))
    .sort((a, b) => rank[a.role] - rank[b.role] || a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

/** One page of projectMembers, as the API lists them. */
export async function listMembers(actor: Actor, projectId: string, query: unknown): Promise<Page<MemberView>> {
  const members = await projectMembers(actor, projectId);
  const page = parseInput(pageQuery, query);
  return pageInMemory(
    members.map((member) => ({ id: member.userId, member })),
    page,
    ({ member }) => member,
  );
}

async function membershipOf(tx: DbClient, projectId: string, userId: string) {
  const membership = isUuid(userId)
    ? await tx.membership.findUnique({
        where: { projectId_userId: { projectId, userId } },
        select: { role: true, user: { select: { id: true, email: true, name: true } } },
      })
    : null;
  if (!membership) throw notFound("Member");
  return membership;
}

/**
 * Serialises changes to a project's members (joins, role changes, removals),
 * so that two editors cannot demote each other at once, nor the last two
 * leave together.
 */
export async function lockProjectMembers(tx: DbClient, projectId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM projects WHERE id = ${projectId}::uuid FOR UPDATE`;
}

/** A project always keeps an editor: the last one cannot leave or step down (409). */
async function assertAnotherEditor(tx: DbClient, projectId: string, userId: string) {
  const editors = await tx.membership.count({ where: { projectId, role: "EDITOR", userId: { not: userId } } });
  if (editors === 0) throw conflict("This is the project's last editor: make someone else an editor first.");
}

/** Changes a member's role (editors only). */
export async function changeMemberRole(
  actor: Actor,
  projectId: string,
  userId: string,
  input: unknown,
): Promise<MemberView> {
  await requireProjectPermission(actor, projectId, "member.manage");
  const { role: newRole } = parseInput(changeRoleInput, input);
  return db().$transaction(async (tx) => {
    await lockProjectMembers(tx, projectId);
    const membership = await membershipOf(tx, projectId, userId);
    if (membership.role === "EDITOR" && newRole !== "EDITOR") await assertAnotherEditor(tx, projectId, userId);
    await tx.membership.update({ where: { projectId_userId: { projectId, userId } }, data: { role: newRole } });
    await recordAudit(tx, actor, {
      projectId,
      action: "member.role",
      entityType: "Membership",
      entityId: userId,
      before: { role: membership.role },
      after: { role: newRole },
    });
    return { userId, email: membership.user.email, name: membership.user.name, role: newRole };
  });
}

/** Removes a member (editors only); their annotations stay, attributed to them. */
export async function removeMember(actor: Actor, projectId: string, userId: string): Promise<void> {
  await requireProjectPermission(actor, projectId, "member.manage");
  await endMembership(actor, projectId, userId, "member.remove");
}

/** The caller leaves the project (any member); their annotations stay. The last editor cannot (409). */
export async function leaveProject(actor: Actor, projectId: string): Promise<void> {
  await requireProjectPermission(actor, projectId, "project.read");
  await endMembership(actor, projectId, actor.userId, "member.leave");
}

/**
 * The one way a membership ends (removal by an editor, leaving): whatever
 * must follow a member's departure belongs here, so that both get it.
 */
async function endMembership(
  actor: Actor,
  projectId: string,
  userId: string,
  action: "member.remove" | "member.leave",
): Promise<void> {
  await db().$transaction(async (tx) => {
    await lockProjectMembers(tx, projectId);
    const membership = await membershipOf(tx, projectId, userId);
    if (membership.role === "EDITOR") await assertAnotherEditor(tx, projectId, userId);
    await tx.membership.delete({ where: { projectId_userId: { projectId, userId } } });
    await recordAudit(tx, actor, {
      projectId,
      action,
      entityType: "Membership",
      entityId: userId,
      before: { email: membership.user.email, role: membership.role },
    });
  });
}
