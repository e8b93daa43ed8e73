import "server-only";
import type { Actor } from "@/lib/actor";
import { reopenApprovedAnnotation } from "@/lib/annotations";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { conflict, forbidden, notFound } from "@/lib/errors";
import { type ClaimLinkView, linkSelect, toLinkView } from "@/lib/events";
import { requireProjectPermission, roleAllows, visibleAnnotationsWhere } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";

/** The row of a link as the history recorded it (same id, fields, author and dates), on the event `eventId`. */
export function linkRowOf(link: ClaimLinkView, eventId: string) {
  return {
    id: link.id,
    annotationId: link.annotationId,
    eventId,
    stance: link.stance,
    attributedTo: link.attributedTo ?? null,
    note: link.note ?? null,
    createdById: link.createdBy.id,
    createdAt: new Date(link.createdAt),
    updatedAt: new Date(link.updatedAt),
  };
}

/**
 * Links a claim to its event again as the removed link was (same id, stance,
 * attribution, note, author and date), from what the history recorded when
 * it was removed: unlinking deletes the row. Its author or an editor; the
 * claim and the event must be live (409 otherwise), and a claim linked to
 * the event again meanwhile keeps that link (409).
 */
export async function restoreLink(actor: Actor, linkId: string): Promise<ClaimLinkView> {
  if (!isUuid(linkId)) throw notFound("Link");
  const removal = await db().auditEntry.findFirst({
    where: { entityType: "ClaimLink", entityId: linkId },
    orderBy: { id: "desc" },
    select: { action: true, projectId: true, before: true },
  });
  if (!removal?.projectId) throw notFound("Link");
  const access = await requireProjectPermission(actor, removal.projectId, "event.read");
  if (removal.action !== "link.delete") {
    const live = await db().claimLink.count({ where: { id: linkId } });
    throw live ? conflict("This link is not removed.") : notFound("Link");
  }
  const link = removal.before as unknown as ClaimLinkView;
  // Whether the caller may see the claim, deleted or not.
  const { deletedAt: _live, ...mayBeSeen } = visibleAnnotationsWhere(actor, access);
  const annotation = await db().annotation.findFirst({
    where: { id: link.annotationId, ...mayBeSeen },
    select: { deletedAt: true, article: { select: { deletedAt: true } } },
  });
  if (!annotation) throw notFound("Link");
  const own = link.createdBy.id === actor.userId && roleAllows(access.role, "event.link");
  if (!own && !roleAllows(access.role, "event.manage"))
    throw forbidden("Only the link's author or an editor may restore it.");
  if (annotation.deletedAt !== null || annotation.article.deletedAt !== null)
    throw conflict("The claim of this link is deleted: restore the annotation first.", {
      annotationId: link.annotationId,
    });
  return db().$transaction(async (tx) => {
    const [event] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM events WHERE id = ${link.eventId}::uuid AND deleted_at IS NULL FOR SHARE`;
    if (!event)
      throw conflict("The event of this link is deleted: restore the event first.", { eventId: link.eventId });
    const existing = await tx.claimLink.findUnique({
      where: { annotationId_eventId: { annotationId: link.annotationId, eventId: link.eventId } },
      select: { id: true },
    });
    if (existing)
      throw conflict("This claim is linked to that event again already; change that link instead.", {
        linkId: existing.id,
      });
    const view = toLinkView(await tx.claimLink.create({ data: linkRowOf(link, link.eventId), select: linkSelect }));
    await recordAudit(tx, actor, {
      projectId: access.projectId,
      action: "link.restore",
      entityType: "ClaimLink",
      entityId: linkId,
      after: view,
    });
    await reopenApprovedAnnotation(tx, actor, access, link.annotationId, "link.restore");
    return view;
  });
}
