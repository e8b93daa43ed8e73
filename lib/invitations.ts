import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit";
import { emailAddress } from "@/lib/auth/credentials";
import { db, type DbClient } from "@/lib/db";
import { conflict, notFound } from "@/lib/errors";
import type { ProjectRole } from "@/lib/generated/prisma/enums";
import { lockProjectMembers, projectRole } from "@/lib/members";
import { afterCursor, type Page, pageQuery, toPage } from "@/lib/pagination";
import { requireProjectPermission } from "@/lib/permissions";
import { isUuid, parseInput } from "@/lib/validation";

const inviteInput = z.strictObject({ email: emailAddress, role: projectRole });

/** A pending invitation as the project's editors see it. */
export interface InvitationView {
  id: string;
  projectId: string;
  email: string;
  role: ProjectRole;
  invitedBy: { id: string; name: string } | null;
  createdAt: string;
}

/** A pending invitation as the person invited sees it. */
export interface MyInvitationView {
  id: string;
  project: { id: string; name: string };
  role: ProjectRole;
  invitedBy: { id: string; name: string } | null;
  createdAt: string;
}

const invitationSelect = {
  id: true,
  projectId: true,
  email: true,
  role: true,
  createdAt: true,
  invitedBy: { select: { id: true, name: true } },
  project: { select: { id: true, name: true } },
} as const;

type InvitationRow = {
  id: string;
  projectId: string;
  email: string;
  role: ProjectRole;
  createdAt: Date;
  invitedBy: { id: string; name: string } | null;
  project: { id: string; name: string };
};

function toInvitationView(row: InvitationRow): InvitationView {
  return {
    id: row.id,
    projectId: row.projectId,
    email: row.email,
    role: row.role,
    invitedBy: row.invitedBy,
    createdAt: row.createdAt.toISOString(),
  };
}

function toMyInvitationView(row: InvitationRow): MyInvitationView {
  return {
    id: row.id,
    project: row.project,
    role: row.role,
    invitedBy: row.invitedBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The caller's own address as invitations store it (users' emails are stored lower-cased too). */
function ownEmail(actor: Actor): string {
  return actor.email.trim().toLowerCase();
}

/**
 * Invites an email address into the project with a role (editors). The
 * answer is the same whether or not the address has an account: the
 * invitation waits for whoever signs in with it, today or after signing up,
 * and nobody joins without accepting. Inviting the address again changes
 * the role; someone who is a member already is a 409, unless their account
 * is a placeholder (lib/imports/authors.ts) that the invitation lets them claim.
 */
export async function inviteMember(actor: Actor, projectId: string, input: unknown): Promise<InvitationView> {
  await requireProjectPermission(actor, projectId, "member.manage");
  const { email, role } = parseInput(inviteInput, input);
  return db().$transaction(async (tx) => {
    await lockProjectMembers(tx, projectId);
    const member = await tx.membership.findFirst({
      where: { projectId, user: { email } },
      select: { role: true, user: { select: { placeholder: true } } },
    });
    // A placeholder member (an author a project import brought in) is invited to claim the account.
    if (member && !member.user.placeholder)
      throw conflict(`${email} is already a member (${member.role.toLowerCase()}).`);
    const row = await tx.invitation.upsert({
      where: { projectId_email: { projectId, email } },
      create: { projectId, email, role, invitedById: actor.userId },
      update: { role, invitedById: actor.userId },
      select: invitationSelect,
    });
    await recordAudit(tx, actor, {
      projectId,
      action: "invitation.create",
      entityType: "Invitation",
      entityId: row.id,
      after: { email, role },
    });
    return toInvitationView(row);
  });
}

/** The project's pending invitations, oldest first (editors). */
export async function listInvitations(actor: Actor, projectId: string, query: unknown): Promise<Page<InvitationView>> {
  await requireProjectPermission(actor, projectId, "member.manage");
  const { limit, cursor } = parseInput(pageQuery, query);
  const rows = await db().invitation.findMany({
    where: { projectId, ...afterCursor(cursor) },
    orderBy: { id: "asc" },
    take: limit + 1,
    select: invitationSelect,
  });
  return toPage(rows, limit, toInvitationView);
}

/** Withdraws a pending invitation (editors of its project). */
export async function revokeInvitation(actor: Actor, invitationId: string): Promise<void> {
  const found = isUuid(invitationId)
    ? await db().invitation.findUnique({ where: { id: invitationId }, select: { projectId: true } })
    : null;
  if (!found) throw notFound("Invitation");
  await requireProjectPermission(actor, found.projectId, "member.manage");
  await db().$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({
      where: { id: invitationId },
      select: { email: true, role: true },
    });
    if (!invitation) throw notFound("Invitation");
    await tx.invitation.delete({ where: { id: invitationId } });
    await recordAudit(tx, actor, {
      projectId: found.projectId,
      action: "invitation.revoke",
      entityType: "Invitation",
      entityId: invitationId,
      before: invitation,
    });
  });
}

/** The caller's pending invitations (to their account's email), oldest first; those of deleted projects are gone. */
export async function listMyInvitations(actor: Actor, query: unknown): Promise<Page<MyInvitationView>> {
  const { limit, cursor } = parseInput(pageQuery, query);
  const rows = await db().invitation.findMany({
    where: { email: ownEmail(actor), project: { deletedAt: null }, ...afterCursor(cursor) },
    orderBy: { id: "asc" },
    take: limit + 1,
    select: invitationSelect,
  });
  return toPage(rows, limit, toMyInvitationView);
}

/**
 * Settles one of the caller's invitations inside a transaction that has
 * locked its project's members: deletes it and hands it to `settle`.
 * Anybody else's invitation, or one of a deleted project, is not found.
 */
async function settleOwnInvitation<T>(
  actor: Actor,
  invitationId: string,
  settle: (tx: DbClient, invitation: { projectId: string; role: ProjectRole; email: string }) => Promise<T>,
): Promise<T> {
  if (!isUuid(invitationId)) throw notFound("Invitation");
  return db().$transaction(async (tx) => {
    const found = await tx.invitation.findFirst({
      where: { id: invitationId, email: ownEmail(actor), project: { deletedAt: null } },
      select: { projectId: true },
    });
    if (!found) throw notFound("Invitation");
    await lockProjectMembers(tx, found.projectId);
    // Read again under the lock: an editor may have revoked it or changed its role meanwhile.
    const invitation = await tx.invitation.findUnique({
      where: { id: invitationId },
      select: { projectId: true, role: true, email: true },
    });
    if (!invitation) throw notFound("Invitation");
    await tx.invitation.delete({ where: { id: invitationId } });
    return settle(tx, invitation);
  });
}

/**
 * Accepts one of the caller's invitations: they join the project with its
 * role. Someone who is a member already keeps their role, and the
 * invitation is used up.
 */
export async function acceptInvitation(
  actor: Actor,
  invitationId: string,
): Promise<{ projectId: string; role: ProjectRole }> {
  return settleOwnInvitation(actor, invitationId, async (tx, invitation) => {
    const { projectId } = invitation;
    const existing = await tx.membership.findUnique({
      where: { projectId_userId: { projectId, userId: actor.userId } },
      select: { role: true },
    });
    if (existing) return { projectId, role: existing.role };
    await tx.membership.create({ data: { projectId, userId: actor.userId, role: invitation.role } });
    await recordAudit(tx, actor, {
      projectId,
      action: "member.join",
      entityType: "Membership",
      entityId: actor.userId,
      after: { email: invitation.email, role: invitation.role, invitationId },
    });
    return { projectId, role: invitation.role };
  });
}

/** Declines one of the caller's invitations. */
export async function declineInvitation(actor: Actor, invitationId: string): Promise<void> {
  await settleOwnInvitation(actor, invitationId, async (tx, invitation) => {
    await recordAudit(tx, actor, {
      projectId: invitation.projectId,
      action: "invitation.decline",
      entityType: "Invitation",
      entityId: invitationId,
      before: { email: invitation.email, role: invitation.role },
    });
  });
}
