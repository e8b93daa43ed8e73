import "server-only";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit";
import { type CommentView, commentSelect, toCommentView } from "@/lib/comments";
import { db } from "@/lib/db";
import { conflict, forbidden, notFound } from "@/lib/errors";
import { requireProjectPermission, roleAllows, visibleAnnotationsWhere } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";

/**
 * Brings a deleted comment back into its thread, where it was (its author, or
 * an editor). Its annotation must be live: 409 asks to restore that first.
 */
export async function restoreComment(actor: Actor, commentId: string): Promise<CommentView> {
  if (!isUuid(commentId)) throw notFound("Comment");
  const comment = await db().comment.findFirst({
    where: { id: commentId, annotation: { article: { deletedAt: null } } },
    select: { ...commentSelect, authorId: true, deletedAt: true, annotation: { select: { projectId: true } } },
  });
  if (!comment) throw notFound("Comment");
  const projectId = comment.annotation.projectId;
  const access = await requireProjectPermission(actor, projectId, "annotation.read");
  // Whether the caller may see the annotation, deleted or not.
  const { deletedAt: _live, ...mayBeSeen } = visibleAnnotationsWhere(actor, access);
  const visible = await db().annotation.findFirst({
    where: { id: comment.annotationId, ...mayBeSeen },
    select: { deletedAt: true },
  });
  if (!visible) throw notFound("Comment");
  const own = comment.authorId === actor.userId && roleAllows(access.role, "comment.write");
  if (!own && !roleAllows(access.role, "comment.moderate"))
    throw forbidden("Only its author or an editor may restore a comment.");
  if (comment.deletedAt === null) throw conflict("This comment is not deleted.");
  if (visible.deletedAt !== null)
    throw conflict("The annotation this comment is on is deleted: restore the annotation first.", {
      annotationId: comment.annotationId,
    });
  return db().$transaction(async (tx) => {
    const { count } = await tx.comment.updateMany({
      where: { id: commentId, deletedAt: { not: null } },
      data: { deletedAt: null },
    });
    if (count === 0) throw conflict("This comment is not deleted.");
    await recordAudit(tx, actor, {
      projectId,
      action: "comment.restore",
      entityType: "Comment",
      entityId: commentId,
      after: { annotationId: comment.annotationId, text: comment.text },
    });
    const { authorId: _authorId, deletedAt: _deletedAt, annotation: _annotation, ...row } = comment;
    return toCommentView(row);
  });
}
