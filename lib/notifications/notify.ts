import "server-only";
import type { Actor } from "@/lib/actor";
import type { DbClient } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { NotificationKind } from "@/lib/generated/prisma/enums";
import { mentionedNames } from "@/lib/mentions";
import { memberSeesAnnotationSql } from "@/lib/permissions";

/** Of several reasons for one member to hear of one change, the first in this order is given. */
const KIND_ORDER: NotificationKind[] = ["MENTION", "COMMENT", "REPLY", "APPROVED", "REJECTED"];

interface AnnotationTarget {
  annotationId: string;
  commentId?: string;
  /** The comment's or note's text: the members it mentions (lib/mentions.ts) are notified of it. */
  text?: string | null;
  detail?: string | null;
}

/**
 * Notifies, once each and never the actor, the members of the annotation's
 * project who may see the annotation now (blind coding: a reviewer hears only
 * of their own and of approved annotations) and who are among `candidates`
 * or mentioned in `target.text` (unless in `skipMentionOf`); of several
 * reasons for one member, the first of KIND_ORDER is given.
 */
async function notifyAboutAnnotation(
  tx: DbClient,
  actor: Actor,
  target: AnnotationTarget,
  candidates: { userId: string; kind: NotificationKind }[],
  skipMentionOf: ReadonlySet<string> = new Set(),
): Promise<void> {
  const mayMention = target.text?.includes("@") ?? false;
  const ids = [...new Set(candidates.map((candidate) => candidate.userId))];
  if (ids.length === 0 && !mayMention) return;
  // Everyone in the project when the text may mention someone: a mention finds its member by name.
  const among = mayMention ? Prisma.sql`TRUE` : Prisma.sql`m.user_id = ANY(${ids}::uuid[])`;
  const seers = await tx.$queryRaw<{ userId: string; name: string; projectId: string; articleId: string }[]>`
    SELECT m.user_id AS "userId", u.name, a.project_id AS "projectId", a.article_id AS "articleId"
    FROM annotations a
    JOIN articles ar ON ar.id = a.article_id AND ar.deleted_at IS NULL
    JOIN projects p ON p.id = a.project_id AND p.deleted_at IS NULL
    JOIN memberships m ON m.project_id = p.id
    JOIN users u ON u.id = m.user_id
    WHERE a.id = ${target.annotationId}::uuid AND a.deleted_at IS NULL AND m.user_id <> ${actor.userId}::uuid
      AND ${among} AND ${memberSeesAnnotationSql}`;
  const mentioned = mayMention
    ? mentionedNames(
        target.text!,
        seers.map((seer) => seer.name),
      )
    : new Set<string>();
  const data: Prisma.NotificationCreateManyInput[] = [];
  for (const seer of seers) {
    const kinds = candidates.filter((candidate) => candidate.userId === seer.userId).map(({ kind }) => kind);
    if (mentioned.has(seer.name) && !skipMentionOf.has(seer.userId)) kinds.push("MENTION");
    const kind = KIND_ORDER.find((candidate) => kinds.includes(candidate));
    if (kind === undefined) continue;
    data.push({
      userId: seer.userId,
      projectId: seer.projectId,
      kind,
      actorId: actor.userId,
      articleId: seer.articleId,
      annotationId: target.annotationId,
      commentId: target.commentId ?? null,
      detail: target.detail ?? null,
    });
  }
  if (data.length > 0) await tx.notification.createMany({ data });
}

/**
 * A new comment: its mentions, the annotation's author (a comment on their
 * annotation) and everyone who took part in the thread before (a reply).
 */
export async function notifyAboutComment(
  tx: DbClient,
  actor: Actor,
  comment: { id: string; annotationId: string; text: string },
): Promise<void> {
  const [annotation, earlier] = await Promise.all([
    tx.annotation.findUniqueOrThrow({ where: { id: comment.annotationId }, select: { authorId: true } }),
    tx.comment.findMany({
      where: { annotationId: comment.annotationId, deletedAt: null, id: { not: comment.id } },
      distinct: ["authorId"],
      select: { authorId: true },
    }),
  ]);
  await notifyAboutAnnotation(
    tx,
    actor,
    { annotationId: comment.annotationId, commentId: comment.id, text: comment.text },
    [
      { userId: annotation.authorId, kind: "COMMENT" },
      ...earlier.map(({ authorId }) => ({ userId: authorId, kind: "REPLY" as const })),
    ],
  );
}

/**
 * A comment's or a note's text was written or changed: the members it
 * mentions who were not notified of a mention in it before (a second save
 * does not notify twice).
 */
export async function notifyNewMentions(
  tx: DbClient,
  actor: Actor,
  target: { annotationId: string; commentId?: string; text: string | null },
): Promise<void> {
  if (!target.text?.includes("@")) return;
  const already = await tx.notification.findMany({
    where: { annotationId: target.annotationId, commentId: target.commentId ?? null, kind: "MENTION" },
    select: { userId: true },
  });
  await notifyAboutAnnotation(tx, actor, target, [], new Set(already.map(({ userId }) => userId)));
}

/** An editor approved or rejected an annotation: its author hears of it, with the reason of a rejection. */
export async function notifyReviewed(
  tx: DbClient,
  actor: Actor,
  annotation: { id: string; authorId: string },
  status: "APPROVED" | "REJECTED",
  reason: string | null,
): Promise<void> {
  await notifyAboutAnnotation(
    tx,
    actor,
    { annotationId: annotation.id, detail: status === "REJECTED" ? reason : null },
    [{ userId: annotation.authorId, kind: status }],
  );
}

/**
 * Articles were assigned: each of `userIds` who is a member of the project
 * hears of it, except the actor. Call it in the transaction that assigns.
 */
export async function notifyAssigned(
  tx: DbClient,
  projectId: string,
  articleId: string,
  userIds: string[],
  actor: Actor,
): Promise<void> {
  const ids = [...new Set(userIds)].filter((id) => id !== actor.userId);
  if (ids.length === 0) return;
  const members = await tx.membership.findMany({
    where: { projectId, userId: { in: ids }, project: { deletedAt: null } },
    select: { userId: true },
  });
  if (members.length === 0) return;
  await tx.notification.createMany({
    data: members.map(({ userId }) => ({ userId, projectId, kind: "ASSIGNED", actorId: actor.userId, articleId })),
  });
}
