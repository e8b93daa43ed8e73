import "server-only";
import type { Actor } from "@/lib/actor";
import { type AnnotationView, auditSnapshot, toView, viewSelect } from "@/lib/annotations";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { conflict, forbidden, notFound } from "@/lib/errors";
import { requireProjectPermission, roleAllows, seesOthersUnapprovedAnnotations } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";

/**
 * Brings a deleted annotation back as it was: its tags, comments and links to
 * events never left the database (a delete is soft). Who may delete it may
 * restore it: its author (not an approved one: that is an editor's) or an
 * editor. If the article's text was edited meanwhile, the annotation was not
 * found again in the new text: it comes back flagged orphaned, to be
 * re-attached, never guessed.
 */
export async function restoreAnnotation(actor: Actor, annotationId: string): Promise<AnnotationView> {
  if (!isUuid(annotationId)) throw notFound("Annotation");
  const row = await db().annotation.findFirst({
    where: { id: annotationId, article: { deletedAt: null } },
    select: { ...viewSelect, projectId: true, deletedAt: true, article: { select: { revision: true } } },
  });
  if (!row) throw notFound("Annotation");
  const access = await requireProjectPermission(actor, row.projectId, "annotation.read");
  const own = row.authorId === actor.userId;
  // Somebody else's annotation a blind reviewer cannot see does not exist for them.
  if (!own && !roleAllows(access.role, "annotation.edit-any")) {
    if (row.status !== "APPROVED" && !seesOthersUnapprovedAnnotations(access)) throw notFound("Annotation");
    throw forbidden("Only the annotation's author or an editor may restore it.");
  }
  if (own && !roleAllows(access.role, "annotation.edit-own"))
    throw forbidden(`This needs the REVIEWER role in this project; yours is ${access.role}.`);
  if (row.status === "APPROVED" && !roleAllows(access.role, "annotation.review"))
    throw forbidden("An editor approved this annotation; only an editor may restore it.");
  if (row.deletedAt === null) throw conflict("This annotation is not deleted.");
  return db().$transaction(async (tx) => {
    const stale = row.revision !== row.article.revision && row.anchor !== "ORPHANED";
    const { count } = await tx.annotation.updateMany({
      where: { id: annotationId, deletedAt: { not: null } },
      data: { deletedAt: null, version: { increment: 1 }, ...(stale ? { anchor: "ORPHANED" } : {}) },
    });
    if (count === 0) throw conflict("This annotation is not deleted.");
    const after = toView(await tx.annotation.findUniqueOrThrow({ where: { id: annotationId }, select: viewSelect }));
    await recordAudit(tx, actor, {
      projectId: row.projectId,
      action: "annotation.restore",
      entityType: "Annotation",
      entityId: annotationId,
      after: auditSnapshot(after),
    });
    return after;
  });
}
