import "server-only";
import { notifyAssigned } from "@/lib/notifications/notify";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit";
import { db, type DbClient } from "@/lib/db";
import { unprocessable } from "@/lib/errors";
import { requireArticlePermission, requireProjectPermission } from "@/lib/permissions";
import { parseInput, uuid } from "@/lib/validation";

/** More coders than any article needs; a bound on the work of one request. */
export const MAX_ASSIGNEES = 50;

const assigneesInput = z.strictObject({
  userIds: z
    .array(uuid)
    .max(MAX_ASSIGNEES)
    .refine((ids) => new Set(ids).size === ids.length, "must not name a user twice"),
});

export interface Assignee {
  userId: string;
  name: string;
}

export interface AssigneesChange {
  /** Everyone assigned to the article now, by name. */
  assignees: Assignee[];
  /** Who was not assigned before (what "an article assigned to me" notifies). */
  newlyAssigned: string[];
  /** Who is no longer assigned. */
  unassigned: string[];
}

/**
 * PUT /articles/:id/assignees: makes `userIds` the article's whole list of
 * coders (editors only). Everyone named must be a member who codes (a
 * reviewer or an editor): others are a 422 naming them, and nothing changes.
 */
export async function assignArticle(actor: Actor, articleId: string, input: unknown) {
  const { projectId } = await requireArticlePermission(actor, articleId, "assignment.manage");
  const { userIds } = parseInput(assigneesInput, input);
  const change = await db().$transaction((tx) => setAssignees(tx, actor, { projectId, articleId, userIds }));
  return { items: change.assignees, added: change.newlyAssigned, removed: change.unassigned };
}

/**
 * The one place an article's coders change (the API's PUT, the project
 * page's bulk assignment through it, the demo seed), in the caller's
 * transaction, with its audit entry: the article's assignees become exactly
 * `userIds`; the newly assigned are notified (not the actor). Returns who
 * was added and removed. The caller has checked the permission and the
 * input's shape.
 */
export async function setAssignees(
  tx: DbClient,
  actor: Actor,
  { projectId, articleId, userIds }: { projectId: string; articleId: string; userIds: string[] },
): Promise<AssigneesChange> {
  // Two editors assigning the same article at once: the second waits and sees the first's list.
  await tx.$queryRaw`SELECT id FROM articles WHERE id = ${articleId}::uuid FOR NO KEY UPDATE`;
  const members = await tx.membership.findMany({
    where: { projectId, userId: { in: userIds } },
    select: { userId: true, role: true, user: { select: { name: true } } },
  });
  const notMembers = userIds.filter((id) => !members.some((member) => member.userId === id));
  if (notMembers.length > 0) {
    throw unprocessable(`Not members of this project: ${notMembers.join(", ")}.`, {
      issues: notMembers.map((id) => ({ path: `userIds.${userIds.indexOf(id)}`, message: "not a member" })),
      userIds: notMembers,
    });
  }
  const viewers = members.filter((member) => member.role === "VIEWER");
  if (viewers.length > 0) {
    throw unprocessable(
      `Viewers do not code: ${viewers.map((viewer) => viewer.user.name).join(", ")}. Make them reviewers first.`,
      {
        issues: viewers.map((viewer) => ({ path: `userIds.${userIds.indexOf(viewer.userId)}`, message: "a viewer" })),
        userIds: viewers.map((viewer) => viewer.userId),
      },
    );
  }
  const current = await tx.assignment.findMany({
    where: { articleId },
    select: { userId: true, membership: { select: { user: { select: { name: true } } } } },
  });
  const before = new Set(current.map((assignment) => assignment.userId));
  const newlyAssigned = userIds.filter((id) => !before.has(id));
  const unassigned = [...before].filter((id) => !userIds.includes(id));
  const byName = (a: Assignee, b: Assignee) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId);
  const assignees = members.map((member) => ({ userId: member.userId, name: member.user.name })).sort(byName);
  if (newlyAssigned.length === 0 && unassigned.length === 0) return { assignees, newlyAssigned, unassigned };

  await tx.assignment.deleteMany({ where: { articleId, userId: { in: unassigned } } });
  await tx.assignment.createMany({
    data: newlyAssigned.map((userId) => ({ projectId, articleId, userId, assignedById: actor.userId })),
  });
  await notifyAssigned(tx, projectId, articleId, newlyAssigned, actor);
  const names = (list: { name: string }[]) => list.map((entry) => entry.name).sort();
  await recordAudit(tx, actor, {
    projectId,
    action: "article.assign",
    entityType: "Article",
    entityId: articleId,
    before: { assignees: names(current.map((assignment) => assignment.membership.user)) },
    after: { assignees: names(assignees) },
  });
  return { assignees, newlyAssigned, unassigned };
}

/** Who may be assigned in the project: its reviewers and editors, by name (editors). */
export async function projectCoders(actor: Actor, projectId: string): Promise<Assignee[]> {
  await requireProjectPermission(actor, projectId, "assignment.manage");
  const members = await db().membership.findMany({
    where: { projectId, role: { in: ["REVIEWER", "EDITOR"] } },
    select: { userId: true, user: { select: { name: true } } },
  });
  return members
    .map((member) => ({ userId: member.userId, name: member.user.name }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

/** The coders of each of the project's articles `articleIds` (a page of the article list), by name (editors). */
export async function assigneesOfArticles(
  actor: Actor,
  projectId: string,
  articleIds: string[],
): Promise<Record<string, Assignee[]>> {
  await requireProjectPermission(actor, projectId, "assignment.manage");
  const rows = await db().assignment.findMany({
    where: { projectId, articleId: { in: articleIds } },
    select: { articleId: true, userId: true, membership: { select: { user: { select: { name: true } } } } },
  });
  const byArticle: Record<string, Assignee[]> = {};
  for (const row of rows) {
    const list = byArticle[row.articleId] ?? [];
    list.push({ userId: row.userId, name: row.membership.user.name });
    byArticle[row.articleId] = list;
  }
  for (const list of Object.values(byArticle)) list.sort((a, b) => a.name.localeCompare(b.name));
  return byArticle;
}
