import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { requireVisibleAnnotation } from "@/lib/annotations";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import { notifyAboutComment, notifyNewMentions } from "@/lib/notifications/notify";
import { afterCursor, type Page, pageQuery, toPage } from "@/lib/pagination";
import { requireProjectPermission, roleAllows } from "@/lib/permissions";
import { isUuid, parseInput, storableString } from "@/lib/validation";

export interface CommentView {
  id: string;
  annotationId: string;
  text: string;
  author: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
}

/** A comment as the API takes it (and a project file's comments: lib/imports). */
export const commentFields = { text: storableString.pipe(z.string().trim().min(1, "must not be empty").max(10_000)) };
const commentInput = z.strictObject(commentFields);

const select = {
  id: true,
  annotationId: true,
  text: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true } },
} as const;

function toView(row: {
  id: string;
  annotationId: string;
  text: string;
  createdAt: Date;
  updatedAt: Date;
  author: { id: string; name: string };
}): CommentView {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

/** An annotation's thread, oldest first (newest last), for anyone who may see the annotation. */
export async function listComments(actor: Actor, annotationId: string, query: unknown): Promise<Page<CommentView>> {
  await requireVisibleAnnotation(actor, annotationId);
  const { limit, cursor } = parseInput(pageQuery, query);
  const rows = await db().comment.findMany({
    where: { annotationId, deletedAt: null, ...afterCursor(cursor) },
    orderBy: { id: "asc" },
    take: limit + 1,
    select,
  });
  return toPage(rows, limit, toView);
}

/** Adds to the thread (reviewers and editors, on annotations they can see). */
export async function createComment(actor: Actor, annotationId: string, input: unknown): Promise<CommentView> {
  const { projectId } = await requireVisibleAnnotation(actor, annotationId);
  await requireProjectPermission(actor, projectId, "comment.write");
  const { text } = parseInput(commentInput, input);
  return db().$transaction(async (tx) => {
    const view = toView(await tx.comment.create({ data: { annotationId, authorId: actor.userId, text }, select }));
    await notifyAboutComment(tx, actor, { id: view.id, annotationId, text });
    await recordAudit(tx, actor, {
      projectId,
      action: "comment.create",
      entityType: "Comment",
      entityId: view.id,
      after: { annotationId, text },
    });
    return view;
  });
}

/** The comment, if the caller sees its annotation and may change it: its author, or (to delete) an editor. */
async function requireOwnComment(actor: Actor, commentId: string, purpose: "edit" | "delete") {
  if (!isUuid(commentId)) throw notFound("Comment");
  const comment = await db().comment.findFirst({
    where: { id: commentId, deletedAt: null },
    select: { ...select, authorId: true },
  });
  if (!comment) throw notFound("Comment");
  const { projectId, access } = await requireVisibleAnnotation(actor, comment.annotationId).catch(() => {
    throw notFound("Comment");
  });
  const own = comment.authorId === actor.userId && roleAllows(access.role, "comment.write");
  const moderates = purpose === "delete" && roleAllows(access.role, "comment.moderate");
  if (!own && !moderates)
    throw forbidden(
      purpose === "edit" ? "Only its author may edit a comment." : "Only its author or an editor may delete a comment.",
    );
  return { comment, projectId };
}

export async function updateComment(actor: Actor, commentId: string, input: unknown): Promise<CommentView> {
  const { comment, projectId } = await requireOwnComment(actor, commentId, "edit");
  const { text } = parseInput(commentInput, input);
  return db().$transaction(async (tx) => {
    const view = toView(await tx.comment.update({ where: { id: commentId }, data: { text }, select }));
    await notifyNewMentions(tx, actor, { annotationId: comment.annotationId, commentId, text });
    await recordAudit(tx, actor, {
      projectId,
      action: "comment.update",
      entityType: "Comment",
      entityId: commentId,
      before: { text: comment.text },
      after: { text },
    });
    return view;
  });
}

export async function deleteComment(actor: Actor, commentId: string): Promise<void> {
  const { comment, projectId } = await requireOwnComment(actor, commentId, "delete");
  await db().$transaction(async (tx) => {
    await tx.comment.update({ where: { id: commentId }, data: { deletedAt: new Date() } });
    await recordAudit(tx, actor, {
      projectId,
      action: "comment.delete",
      entityType: "Comment",
      entityId: commentId,
      before: { annotationId: comment.annotationId, text: comment.text },
    });
  });
}

/** For restoring a comment (lib/restore): the same columns and view. */
export { select as commentSelect, toView as toCommentView };
