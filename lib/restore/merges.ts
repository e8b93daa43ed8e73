import "server-only";
import type { Actor } from "@/lib/actor";
import { db, type DbClient } from "@/lib/db";
import { conflict, notFound } from "@/lib/errors";
import { type ClaimLinkView, type EventDetail, editorEventSelect, getEvent, toEventView } from "@/lib/events";
import { mergeToUndo, recordMergeUndone } from "@/lib/merging";
import { assertNameFree, guardName } from "@/lib/names";
import { requireProjectPermission } from "@/lib/permissions";
import { linkRowOf } from "@/lib/restore/links";
import { SURVIVOR_GAINS, type SourceView, sourceSelect, toSourceView } from "@/lib/sources";
import { isUuid } from "@/lib/validation";

interface LinkNow {
  id: string;
  eventId: string;
  stance: string;
  attributedTo: string | null;
  note: string | null;
}

/**
 * Takes back the merge of an event into another (editors): the merged event
 * is live again with its id and fields, the links that moved go back to it
 * (as they were, dates included), and the links dropped because the survivor
 * already linked the same claim are made again, in one transaction. Refused
 * (409) when there is no merge to undo (never merged, or undone already),
 * when the survivor is gone (deleted or merged itself: bring it back first),
 * when a link that moved has been removed, changed or moved on since
 * (`details.linkId`), or when a live event has taken the title meanwhile
 * (`details: { field: "title", eventId }`).
 */
export async function undoEventMerge(actor: Actor, eventId: string): Promise<EventDetail> {
  if (!isUuid(eventId)) throw notFound("Event");
  const found = await db().event.findFirst({ where: { id: eventId }, select: { projectId: true, title: true } });
  if (!found) throw notFound("Event");
  const { projectId } = await requireProjectPermission(actor, found.projectId, "event.manage");
  await guardName("event", projectId, found.title, () =>
    db().$transaction(async (tx) => {
      // A second undo of the same merge waits here, then finds the merge undone.
      await tx.$queryRaw`SELECT id FROM events WHERE id = ${eventId}::uuid FOR UPDATE`;
      const merge = await mergeToUndo(tx, "event", projectId, eventId);
      const [survivor] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM events WHERE id = ${merge.into}::uuid AND deleted_at IS NULL FOR SHARE`;
      if (!survivor)
        throw conflict("The event it was merged into is deleted or merged since: bring that event back first.", {
          eventId: merge.into,
        });
      const links = (kind: string) =>
        merge.moves.filter((move) => move.kind === kind).map((move) => move.before as ClaimLinkView);
      const [moved, dropped] = [links("LINK_MOVED"), links("LINK_DROPPED")];
      await assertLinksWhereMergeLeft(tx, moved, merge.into);
      await assertNameFree(tx, "event", projectId, found.title, eventId);
      await tx.event.update({
        where: { id: eventId },
        data: { deletedAt: null, updatedAt: new Date(String(merge.merged.updatedAt)) },
      });
      await tx.$executeRaw`
        UPDATE claim_links l SET event_id = ${eventId}::uuid, updated_at = back.updated_at
        FROM unnest(${moved.map((link) => link.id)}::uuid[], ${moved.map((link) => link.updatedAt)}::timestamptz[])
          AS back(id, updated_at)
        WHERE l.id = back.id`;
      await tx.claimLink.createMany({ data: dropped.map((link) => linkRowOf(link, eventId)) });
      const view = toEventView(await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: editorEventSelect }));
      await recordMergeUndone(tx, actor, "event", {
        projectId,
        mergedId: eventId,
        into: merge.into,
        after: { ...view, linksMovedBack: moved.length, linksMadeAgain: dropped.length },
      });
    }),
  );
  return getEvent(actor, eventId);
}

/** Each link that moved is still on the survivor as it moved there, locked until the undo commits (409 otherwise). */
async function assertLinksWhereMergeLeft(tx: DbClient, moved: ClaimLinkView[], into: string): Promise<void> {
  const rows = await tx.$queryRaw<LinkNow[]>`
    SELECT id, event_id AS "eventId", stance::text AS stance, attributed_to AS "attributedTo", note
    FROM claim_links WHERE id = ANY(${moved.map((link) => link.id)}::uuid[]) ORDER BY id FOR UPDATE`;
  const now = new Map(rows.map((row) => [row.id, row]));
  for (const link of moved) {
    const row = now.get(link.id);
    if (!row)
      throw conflict("A claim link that moved in this merge has been removed since: restore it first.", {
        linkId: link.id,
      });
    const unchanged =
      row.eventId === into &&
      row.stance === link.stance &&
      row.attributedTo === (link.attributedTo ?? null) &&
      row.note === (link.note ?? null);
    if (!unchanged)
      throw conflict("A claim link that moved in this merge has been changed or moved since: it cannot go back.", {
        linkId: link.id,
      });
  }
}

/**
 * Takes back the merge of an outlet into another (editors): the merged outlet
 * is made again with its id, name, homepage, notes and dates, the articles
 * that moved (deleted ones too) name it again, and the survivor loses the
 * homepage and notes it gained from it, unless they were edited since; in one
 * transaction. Refused (409) when there is no merge to undo (never merged, or
 * undone already), when the survivor is gone, when an article that moved has
 * another outlet since (`details.articleId`), or when an outlet has taken the
 * name meanwhile (`details: { field: "name", sourceId }`).
 */
export async function undoSourceMerge(actor: Actor, sourceId: string): Promise<SourceView> {
  if (!isUuid(sourceId)) throw notFound("Source");
  // The merged outlet is gone: its project, name and survivor are in its last history entry.
  const [live, last] = await Promise.all([
    db().source.findUnique({ where: { id: sourceId }, select: { projectId: true } }),
    db().auditEntry.findFirst({
      where: { entityType: "Source", entityId: sourceId },
      orderBy: { id: "desc" },
      select: { projectId: true, before: true, after: true },
    }),
  ]);
  const projectId = live?.projectId ?? last?.projectId;
  if (!projectId) throw notFound("Source");
  await requireProjectPermission(actor, projectId, "article.update");
  const recorded = (value: unknown, field: string) =>
    value && typeof value === "object" ? (value as Record<string, unknown>)[field] : undefined;
  const name = recorded(last?.before, "name");
  const into = recorded(last?.after, "mergedInto");
  return guardName("source", projectId, typeof name === "string" ? name : undefined, () =>
    db().$transaction(async (tx) => {
      // The survivor first: a second undo of the same merge waits here, then finds the merge undone.
      const [survivor] = isUuid(String(into))
        ? await tx.$queryRaw<{ id: string; homepage: string | null; notes: string | null }[]>`
            SELECT id, homepage, notes FROM sources WHERE id = ${into}::uuid FOR UPDATE`
        : [];
      const merge = await mergeToUndo(tx, "outlet", projectId, sourceId);
      if (!survivor || merge.into !== survivor.id)
        throw conflict("The outlet it was merged into has been deleted since.", { sourceId: merge.into });
      const articleIds = merge.moves.map((move) => move.movedId);
      await assertArticlesWhereMergeLeft(tx, articleIds, merge.into);
      const merged = merge.merged as unknown as SourceView;
      await assertNameFree(tx, "source", projectId, merged.name);
      await tx.source.create({
        data: {
          id: sourceId,
          projectId,
          name: merged.name,
          homepage: merged.homepage,
          notes: merged.notes,
          createdAt: new Date(merged.createdAt),
          updatedAt: new Date(merged.updatedAt),
        },
      });
      await tx.article.updateMany({ where: { id: { in: articleIds } }, data: { sourceId } });
      const filledIn = Array.isArray(merge.recorded.filledIn) ? merge.recorded.filledIn : [];
      const gainsKept = SURVIVOR_GAINS.filter(
        (field) => filledIn.includes(field) && survivor[field] !== null && survivor[field] === merged[field],
      );
      if (gainsKept.length)
        await tx.source.update({
          where: { id: survivor.id },
          data: Object.fromEntries(gainsKept.map((field) => [field, null])),
        });
      const view = toSourceView(await tx.source.findUniqueOrThrow({ where: { id: sourceId }, select: sourceSelect }));
      await recordMergeUndone(tx, actor, "outlet", {
        projectId,
        mergedId: sourceId,
        into: merge.into,
        after: { ...view, articlesMovedBack: articleIds.length },
      });
      return view;
    }),
  );
}

/** Each article that moved still names the survivor, locked until the undo commits (409 otherwise). */
async function assertArticlesWhereMergeLeft(tx: DbClient, articleIds: string[], into: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string; sourceId: string | null }[]>`
    SELECT id, source_id AS "sourceId" FROM articles WHERE id = ANY(${articleIds}::uuid[]) ORDER BY id FOR UPDATE`;
  const now = new Map(rows.map((row) => [row.id, row.sourceId]));
  const moved = articleIds.find((id) => now.get(id) !== into);
  if (moved)
    throw conflict("An article that moved in this merge has another outlet since, or is gone: it cannot go back.", {
      articleId: moved,
    });
}
