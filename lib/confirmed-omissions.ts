import "server-only";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { conflict, forbidden, notFound } from "@/lib/errors";
import { requireEvent } from "@/lib/events";
import { notRejectedSql, roleAllows, visibleAnnotationsSql } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";

/**
 * Confirmed omissions: a member's word that an article does not report an
 * event, so that the comparison shows "Omission confirmed by …" rather than a
 * possible match nobody checked. Reviewers and editors confirm (as they link
 * claims, event.link); a confirmation is withdrawn by whoever made it or by an
 * editor (event.manage).
 */
export interface ConfirmedOmissionView {
  eventId: string;
  articleId: string;
  confirmedBy: { id: string; name: string };
  confirmedAt: string;
}

const viewSelect = {
  eventId: true,
  articleId: true,
  createdAt: true,
  user: { select: { id: true, name: true } },
} as const;

function toView(row: {
  eventId: string;
  articleId: string;
  createdAt: Date;
  user: { id: string; name: string };
}): ConfirmedOmissionView {
  return {
    eventId: row.eventId,
    articleId: row.articleId,
    confirmedBy: row.user,
    confirmedAt: row.createdAt.toISOString(),
  };
}

/** The live article of the event's project (404 "Article" otherwise). */
async function requireArticleOf(projectId: string, articleId: string): Promise<void> {
  if (!isUuid(articleId)) throw notFound("Article");
  const found = await db().article.count({ where: { id: articleId, projectId, deletedAt: null } });
  if (found === 0) throw notFound("Article");
}

/**
 * Records that the article omits the event. 409 when the caller sees a claim of the article linked to the event (it
 * reports it). Confirming again keeps the first confirmation: `created` tells which happened.
 */
export async function confirmOmission(
  actor: Actor,
  eventId: string,
  articleId: string,
): Promise<{ omission: ConfirmedOmissionView; created: boolean }> {
  const access = await requireEvent(actor, eventId, "event.link");
  await requireArticleOf(access.projectId, articleId);
  const reporting = await db().$queryRaw<{ id: string }[]>`
    SELECT a.id FROM claim_links l JOIN annotations a ON a.id = l.annotation_id
    WHERE l.event_id = ${eventId}::uuid AND a.article_id = ${articleId}::uuid AND ${notRejectedSql}
      AND ${visibleAnnotationsSql(actor, access)}
    LIMIT 1`;
  if (reporting.length > 0)
    throw conflict("This article reports the event: a claim of it is linked to the event.", {
      annotationId: reporting[0]!.id,
    });
  return db().$transaction(async (tx) => {
    const existing = await tx.confirmedOmission.findUnique({
      where: { eventId_articleId: { eventId, articleId } },
      select: viewSelect,
    });
    if (existing) return { omission: toView(existing), created: false };
    const row = await tx.confirmedOmission.create({
      data: { projectId: access.projectId, eventId, articleId, userId: actor.userId },
      select: viewSelect,
    });
    const omission = toView(row);
    await recordAudit(tx, actor, {
      projectId: access.projectId,
      action: "omission.confirm",
      entityType: "Event",
      entityId: eventId,
      after: omission,
    });
    return { omission, created: true };
  });
}

/** Withdraws the confirmation (404 when there is none); someone else's needs an editor. */
export async function withdrawOmission(actor: Actor, eventId: string, articleId: string): Promise<void> {
  const access = await requireEvent(actor, eventId, "event.link");
  await requireArticleOf(access.projectId, articleId);
  await db().$transaction(async (tx) => {
    const existing = await tx.confirmedOmission.findUnique({
      where: { eventId_articleId: { eventId, articleId } },
      select: viewSelect,
    });
    if (!existing) throw notFound("Confirmed omission");
    if (existing.user.id !== actor.userId && !roleAllows(access.role, "event.manage"))
      throw forbidden("Only who confirmed the omission or an editor may withdraw it.");
    await tx.confirmedOmission.delete({ where: { eventId_articleId: { eventId, articleId } } });
    await recordAudit(tx, actor, {
      projectId: access.projectId,
      action: "omission.withdraw",
      entityType: "Event",
      entityId: eventId,
      before: toView(existing),
    });
  });
}

/** The confirmed omissions of these events by these articles (live events and articles: the caller checked). */
export async function confirmedOmissionsOf(eventIds: string[], articleIds: string[]): Promise<ConfirmedOmissionView[]> {
  if (eventIds.length === 0 || articleIds.length === 0) return [];
  const rows = await db().confirmedOmission.findMany({
    where: { eventId: { in: eventIds }, articleId: { in: articleIds } },
    orderBy: [{ createdAt: "asc" }, { eventId: "asc" }, { articleId: "asc" }],
    select: viewSelect,
  });
  return rows.map(toView);
}
