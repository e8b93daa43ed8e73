import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { type Contradiction, contradictionsOf } from "@/lib/contradictions";
import { reopenApprovedAnnotation } from "@/lib/annotations";
import { recordAudit } from "@/lib/audit";
import { db, type DbClient } from "@/lib/db";
import { conflict, forbidden, notFound, unprocessable } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stance } from "@/lib/generated/prisma/enums";
import { lockMergePair, parseMergeTarget, recordMergeMoves } from "@/lib/merging";
import { type EventPossibleCoverage, eventPossibleCoverage } from "@/lib/matching/coverage";
import { omittingSources } from "@/lib/omissions";
import { assertNameFree, guardName } from "@/lib/names";
import { cursorId, invalidCursor, type Page, pageQuery, toPage } from "@/lib/pagination";
import {
  notRejectedSql,
  notRejectedWhere,
  type ProjectAccess,
  requireArticlePermission,
  requireProjectPermission,
  roleAllows,
  seesOthersUnapprovedAnnotations,
  visibleAnnotationsSql,
  visibleAnnotationsWhere,
} from "@/lib/permissions";
import {
  formatDate,
  isUuid,
  label,
  likeLiteral,
  optionalDate,
  optionalText,
  parseInput,
  queryText,
  storableString,
} from "@/lib/validation";

export const STANCES = ["ASSERTS", "DISPUTES", "QUALIFIES", "MENTIONS"] as const satisfies readonly Stance[];

export interface EventView {
  id: string;
  projectId: string;
  title: string;
  /** `YYYY-MM-DD`: the day, or the first day of a range. */
  date: string | null;
  /** The last day of a range; null for a single day. */
  dateEnd: string | null;
  place: string | null;
  description: string | null;
  linkCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ClaimLinkView {
  id: string;
  eventId: string;
  annotationId: string;
  stance: Stance;
  attributedTo: string | null;
  note: string | null;
  createdBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
}

/** A link as an event page shows it: with the claim and the article it is in. */
export interface EventLinkView extends ClaimLinkView {
  claim: { exact: string; articleId: string; articleTitle: string; source: string | null };
}

export interface EventDetail extends EventView {
  links: EventLinkView[];
  /**
   * The project's outlets with live articles none of whose claims (that the caller sees) is linked to the event: its
   * omissions.
   */
  notReportedBy: { id: string; name: string }[];
  /** Figures its claims give differently, article against article (lib/contradictions.ts). */
  contradictions: Contradiction[];
  /**
   * Passages of the omitting outlets' articles that may report the event (lib/matching/coverage.ts), best first;
   * articles whose omission is confirmed are left out.
   */
  possibleCoverage: EventPossibleCoverage[];
}

/** An event as the API takes it; a project file's events (lib/imports) are checked with the same fields and rule. */
export const eventFields = {
  title: label(300),
  date: optionalDate,
  dateEnd: optionalDate,
  place: optionalText(300),
  description: optionalText(5000),
};

/** Every new event's rule: a range does not end before it starts. */
export function withDatesInOrder<Schema extends z.ZodType<{ date?: Date | null; dateEnd?: Date | null }>>(
  schema: Schema,
) {
  return schema.refine(datesInOrder, { message: "dateEnd must not be before date", path: ["dateEnd"] });
}

const createEventInput = withDatesInOrder(z.strictObject(eventFields));
const updateEventInput = z
  .strictObject({ ...eventFields, title: eventFields.title.optional() })
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), "nothing to change");
const listEventsQuery = pageQuery.extend({ q: queryText(300).optional() });

/** How a claim is linked to an event, as the API takes it (and a project file: lib/imports). */
export const linkFields = {
  stance: z.enum(STANCES, { error: `must be one of ${STANCES.join(", ")}` }),
  attributedTo: optionalText(300),
  note: optionalText(5000),
};
const createLinkInput = z.strictObject({ annotationId: storableString.pipe(z.string().max(100)), ...linkFields });
const updateLinkInput = z
  .strictObject({ ...linkFields, stance: linkFields.stance.optional() })
  .refine(
    (changes) => Object.values(changes).some((value) => value !== undefined),
    "nothing to change: send stance, attributedTo or note",
  );

function datesInOrder({ date, dateEnd }: { date?: Date | null; dateEnd?: Date | null }): boolean {
  return !date || !dateEnd || dateEnd >= date;
}

/** Live links: their claim is a live annotation on a live article. */
const liveLinkWhere = {
  annotation: { deletedAt: null, article: { deletedAt: null } },
} satisfies Prisma.ClaimLinkWhereInput;

/** An event, with its links counted as far as they are claims the caller may see. */
function eventSelect(visibleAnnotations: Prisma.AnnotationWhereInput) {
  return {
    id: true,
    projectId: true,
    title: true,
    dateStart: true,
    dateEnd: true,
    place: true,
    description: true,
    createdAt: true,
    updatedAt: true,
    _count: {
      select: {
        links: { where: { annotation: { ...liveLinkWhere.annotation, ...visibleAnnotations, ...notRejectedWhere } } },
      },
    },
  } as const satisfies Prisma.EventSelect;
}

/** For an editor's changes (editors see every claim) and the audit entries they write. */
const editorEventSelect = eventSelect({ deletedAt: null });

type EventRow = Prisma.EventGetPayload<{ select: ReturnType<typeof eventSelect> }>;

function toEventView(row: EventRow): EventView {
  return {
    id: row.id,
    projectId: row.projectId,
    title: row.title,
    date: formatDate(row.dateStart),
    dateEnd: formatDate(row.dateEnd),
    place: row.place,
    description: row.description,
    linkCount: row._count.links,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const linkSelect = {
  id: true,
  eventId: true,
  annotationId: true,
  stance: true,
  attributedTo: true,
  note: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
  createdBy: { select: { id: true, name: true } },
} as const satisfies Prisma.ClaimLinkSelect;

type LinkRow = Prisma.ClaimLinkGetPayload<{ select: typeof linkSelect }>;

function toLinkView(row: LinkRow): ClaimLinkView {
  return {
    id: row.id,
    eventId: row.eventId,
    annotationId: row.annotationId,
    stance: row.stance,
    attributedTo: row.attributedTo,
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Events by date (undated last), then title in any case, of the events (or
 * rows of their columns) aliased `alias`: the order of the index
 * events_list_order_idx, whose expressions these are, so that a page is read
 * from the index and stops at its end.
 */
function eventOrder(alias: string): Prisma.Sql {
  const row = Prisma.raw(alias);
  return Prisma.sql`coalesce(${row}.date_start, 'infinity'::date), parallax_name_key(${row}.title), ${row}.id`;
}

/** A page of events as the list reads it: the event's columns, with its links counted. */
type EventListRow = Omit<EventRow, "_count"> & { linkCount: number };

/**
 * One page of the project's live events after the event `afterId` (in
 * eventOrder), `needle` (a LIKE pattern) in their title, place or
 * description; each with its links counted as eventSelect counts them, for
 * the page's events only.
 */
export function eventsPageStatement(
  actor: Actor,
  access: ProjectAccess,
  { needle, afterId, limit }: { needle: string | null; afterId: string | null; limit: number },
): Prisma.Sql {
  const matches =
    needle === null
      ? Prisma.sql`TRUE`
      : Prisma.sql`(e.title ILIKE ${needle} OR e.place ILIKE ${needle} OR e.description ILIKE ${needle})`;
  const after =
    afterId === null
      ? Prisma.sql`TRUE`
      : Prisma.sql`(${eventOrder("e")}) > (SELECT ${eventOrder("c")} FROM events c WHERE c.id = ${afterId}::uuid)`;
  return Prisma.sql`
    SELECT page.id, page.project_id AS "projectId", page.title, page.date_start AS "dateStart", page.date_end AS
      "dateEnd", page.place, page.description,
           page.created_at AS "createdAt", page.updated_at AS "updatedAt",
           (${linkCountSql(actor, access, Prisma.sql`page.id`)}) AS "linkCount"
    FROM (
      SELECT e.id, e.project_id, e.title, e.date_start, e.date_end, e.place, e.description, e.created_at, e.updated_at
      FROM events e
      WHERE e.project_id = ${access.projectId}::uuid AND e.deleted_at IS NULL AND ${matches} AND ${after}
      ORDER BY ${eventOrder("e")}
      LIMIT ${limit + 1}
    ) page
    ORDER BY ${eventOrder("page")}`;
}

/**
 * The number of links of the event `eventId` (an SQL expression) whose claim
 * is live, not rejected, on a live article and one the caller may see, read
 * from indexes alone (claim_links_event_id_annotation_id_idx, then
 * annotations_claim_state_idx): a page of events whose links run into the
 * thousands is counted without reading a link's or an annotation's row. A
 * link's claim is of its event's project (createLink and the imports check
 * it), so the project is not checked again; a reviewer coding blind counts
 * their own claims and the approved ones only, as visibleAnnotationsSql.
 */
function linkCountSql(actor: Actor, access: ProjectAccess, eventId: Prisma.Sql): Prisma.Sql {
  const visible = seesOthersUnapprovedAnnotations(access)
    ? Prisma.sql`TRUE`
    : Prisma.sql`(a.author_id = ${actor.userId}::uuid OR a.status = 'APPROVED')`;
  return Prisma.sql`SELECT count(*)::int FROM claim_links l
    JOIN annotations a ON a.id = l.annotation_id AND a.deleted_at IS NULL
    JOIN articles r ON r.id = a.article_id AND r.deleted_at IS NULL
    WHERE l.event_id = ${eventId} AND ${notRejectedSql} AND ${visible}`;
}

/** The project's events by date (undated last), then title; `q` searches titles, places and descriptions. */
export async function listEvents(actor: Actor, projectId: string, query: unknown): Promise<Page<EventView>> {
  const access = await requireProjectPermission(actor, projectId, "event.read");
  const { q, limit, cursor } = parseInput(listEventsQuery, query);
  const afterId = cursor === undefined ? null : cursorId(cursor);
  if (afterId !== null && (await db().event.count({ where: { id: afterId, projectId } })) === 0) throw invalidCursor();
  const needle = q?.trim() ? `%${likeLiteral(q.trim())}%` : null;
  const rows = await db().$queryRaw<EventListRow[]>(eventsPageStatement(actor, access, { needle, afterId, limit }));
  return toPage(rows, limit, ({ linkCount, ...row }) => toEventView({ ...row, _count: { links: linkCount } }));
}

/** The live event's project access for `action` (404 "Event" when it is not there for the caller). */
export async function requireEvent(
  actor: Actor,
  eventId: string,
  action: "event.read" | "event.link" | "event.manage",
  client: DbClient = db(),
) {
  if (!isUuid(eventId)) throw notFound("Event");
  const found = await client.event.findFirst({ where: { id: eventId, deletedAt: null }, select: { projectId: true } });
  if (!found) throw notFound("Event");
  return requireProjectPermission(actor, found.projectId, action, client);
}

export async function getEvent(actor: Actor, eventId: string): Promise<EventDetail> {
  const access = await requireEvent(actor, eventId, "event.read");
  const [row, links, outlets] = await Promise.all([
    db().event.findUniqueOrThrow({
      where: { id: eventId },
      select: eventSelect(visibleAnnotationsWhere(actor, access)),
    }),
    db().claimLink.findMany({
      where: {
        eventId,
        annotation: { ...visibleAnnotationsWhere(actor, access), ...notRejectedWhere, article: { deletedAt: null } },
      },
      orderBy: { createdAt: "asc" },
      select: {
        ...linkSelect,
        annotation: {
          select: {
            exact: true,
            article: { select: { id: true, title: true, source: { select: { id: true, name: true } } } },
          },
        },
      },
    }),
    db().source.findMany({
      where: { projectId: access.projectId, articles: { some: { deletedAt: null } } },
      select: { id: true, name: true },
    }),
  ]);
  const reporting = new Set(links.map((link) => link.annotation.article.source?.id));
  const articleNames = new Map(
    links.map(({ annotation: { article } }) => [article.id, article.source?.name ?? article.title]),
  );
  const stated = links.map((link) => ({
    articleId: link.annotation.article.id,
    annotationId: link.annotationId,
    exact: link.annotation.exact,
    stance: link.stance,
  }));
  const notReportedBy = omittingSources(outlets, reporting, (outlet) => outlet.id).sort(
    (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
  const possibleCoverage = await eventPossibleCoverage(
    access.projectId,
    { id: eventId, words: [row.title, ...links.map((link) => link.annotation.exact)] },
    notReportedBy.map((outlet) => outlet.id),
  );
  return {
    ...toEventView(row),
    links: links.map((link) => ({
      ...toLinkView(link),
      claim: {
        exact: link.annotation.exact,
        articleId: link.annotation.article.id,
        articleTitle: link.annotation.article.title,
        source: link.annotation.article.source?.name ?? null,
      },
    })),
    notReportedBy,
    contradictions: contradictionsOf(eventId, stated, (articleId) => articleNames.get(articleId)!),
    possibleCoverage,
  };
}

/** Creates an event; `options.id` gives the demo seed fixed ids (idempotence). */
export async function createEvent(
  actor: Actor,
  projectId: string,
  input: unknown,
  options: { id?: string } = {},
): Promise<EventView> {
  const access = await requireProjectPermission(actor, projectId, "event.link");
  const { title, date, dateEnd, place, description } = parseInput(createEventInput, input);
  // An event is named once per project (live events; lib/names): a second "Dam repairs" would split one event's
  // claims in two, each an omission of the other source. The 409 names the event to link to instead.
  return guardName("event", projectId, title, () =>
    db().$transaction(async (tx) => {
      await assertNameFree(tx, "event", projectId, title);
      const row = await tx.event.create({
        data: {
          ...(options.id ? { id: options.id } : {}),
          projectId,
          title,
          dateStart: date ?? null,
          dateEnd: dateEnd ?? null,
          place: place ?? null,
          description: description ?? null,
          createdById: actor.userId,
        },
        select: eventSelect(visibleAnnotationsWhere(actor, access)),
      });
      const view = toEventView(row);
      await recordAudit(tx, actor, {
        projectId,
        action: "event.create",
        entityType: "Event",
        entityId: row.id,
        after: view,
      });
      return view;
    }),
  );
}

export async function updateEvent(actor: Actor, eventId: string, input: unknown): Promise<EventView> {
  const { projectId } = await requireEvent(actor, eventId, "event.manage");
  const changes = parseInput(updateEventInput, input);
  return guardName("event", projectId, changes.title, () =>
    db().$transaction(async (tx) => {
      const before = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: editorEventSelect });
      if (changes.title !== undefined) await assertNameFree(tx, "event", projectId, changes.title, eventId);
      const data: Prisma.EventUpdateInput = {};
      if (changes.title !== undefined) data.title = changes.title;
      if (changes.date !== undefined) data.dateStart = changes.date;
      if (changes.dateEnd !== undefined) data.dateEnd = changes.dateEnd;
      if (changes.place !== undefined) data.place = changes.place;
      if (changes.description !== undefined) data.description = changes.description;
      const dateStart = changes.date !== undefined ? changes.date : before.dateStart;
      const dateEnd = changes.dateEnd !== undefined ? changes.dateEnd : before.dateEnd;
      if (!datesInOrder({ date: dateStart, dateEnd })) {
        throw unprocessable("dateEnd must not be before date.", {
          issues: [{ path: "dateEnd", message: "must not be before date" }],
        });
      }
      const after = await tx.event.update({ where: { id: eventId }, data, select: editorEventSelect });
      await recordAudit(tx, actor, {
        projectId,
        action: "event.update",
        entityType: "Event",
        entityId: eventId,
        before: toEventView(before),
        after: toEventView(after),
      });
      return toEventView(after);
    }),
  );
}

/** Deletes an event softly; its links stay in the database with it, out of every list and comparison. */
export async function deleteEvent(actor: Actor, eventId: string): Promise<void> {
  const { projectId } = await requireEvent(actor, eventId, "event.manage");
  await db().$transaction(async (tx) => {
    const { count } = await tx.event.updateMany({
      where: { id: eventId, deletedAt: null },
      data: { deletedAt: new Date() },
    });
    if (count === 0) throw notFound("Event"); // merged or deleted meanwhile
    const before = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: editorEventSelect });
    await recordAudit(tx, actor, {
      projectId,
      action: "event.delete",
      entityType: "Event",
      entityId: eventId,
      before: toEventView(before),
    });
  });
}

/**
 * Merges the event into another of the same project (`into`, the survivor):
 * its links move to the survivor, except where the survivor already links the
 * same claim (the survivor's link is kept); the merged event is deleted. What
 * moved is recorded, for undoEventMerge (lib/restore/merges).
 */
export async function mergeEvent(actor: Actor, eventId: string, input: unknown): Promise<EventDetail> {
  const { projectId } = await requireEvent(actor, eventId, "event.manage");
  const into = parseMergeTarget("event", eventId, input);
  await db().$transaction(async (tx) => {
    await lockMergePair(tx, "event", projectId, eventId, into);
    const [merged, links, kept] = await Promise.all([
      tx.event.findUniqueOrThrow({ where: { id: eventId }, select: editorEventSelect }),
      tx.claimLink.findMany({ where: { eventId }, select: linkSelect }),
      tx.claimLink.findMany({ where: { eventId: into }, select: { annotationId: true } }),
    ]);
    const alreadyLinked = new Set(kept.map((link) => link.annotationId));
    const dropped = await tx.claimLink.deleteMany({ where: { eventId, annotationId: { in: [...alreadyLinked] } } });
    const moved = await tx.claimLink.updateMany({ where: { eventId }, data: { eventId: into } });
    await tx.event.update({ where: { id: eventId }, data: { deletedAt: new Date() } });
    // Each link as it was, so that undoing the merge (lib/restore/merges) can move it back or make it again.
    await recordMergeMoves(
      tx,
      projectId,
      eventId,
      links.map((link) => ({
        movedId: link.id,
        kind: alreadyLinked.has(link.annotationId) ? "LINK_DROPPED" : "LINK_MOVED",
        before: toLinkView(link),
      })),
    );
    await recordAudit(tx, actor, {
      projectId,
      action: "event.merge",
      entityType: "Event",
      entityId: eventId,
      before: toEventView(merged),
      after: { mergedInto: into, linksMoved: moved.count, duplicateLinksDropped: dropped.count },
    });
  });
  return getEvent(actor, into);
}

/** Links a claim (an annotation the caller can see) to the event, with how its source frames it. */
export async function createLink(actor: Actor, eventId: string, input: unknown): Promise<ClaimLinkView> {
  const access = await requireEvent(actor, eventId, "event.link");
  const { annotationId, stance: linkStance, attributedTo, note } = parseInput(createLinkInput, input);
  await requireLinkableAnnotation(actor, access, annotationId);
  return db().$transaction(async (tx) => {
    // Shares the event's row lock: a merge or deletion of the event waits for this link, or this link for it (then
    // 404).
    const [live] = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM events WHERE id = ${eventId}::uuid AND deleted_at IS NULL FOR SHARE`;
    if (!live) throw notFound("Event");
    const existing = await tx.claimLink.findUnique({
      where: { annotationId_eventId: { annotationId, eventId } },
      select: { id: true },
    });
    if (existing)
      throw conflict("This claim is already linked to this event; change that link instead.", { linkId: existing.id });
    const row = await tx.claimLink.create({
      data: {
        annotationId,
        eventId,
        stance: linkStance,
        attributedTo: attributedTo ?? null,
        note: note ?? null,
        createdById: actor.userId,
      },
      select: linkSelect,
    });
    const view = toLinkView(row);
    await recordAudit(tx, actor, {
      projectId: access.projectId,
      action: "link.create",
      entityType: "ClaimLink",
      entityId: row.id,
      after: view,
    });
    await reopenApprovedAnnotation(tx, actor, access, annotationId, "link.create");
    return view;
  });
}

/** The annotation must exist, be visible to the caller, and be in the event's project (else 422). */
async function requireLinkableAnnotation(actor: Actor, access: ProjectAccess, annotationId: string): Promise<void> {
  const annotation = isUuid(annotationId)
    ? await db().annotation.findFirst({
        where: { id: annotationId, article: { deletedAt: null }, ...visibleAnnotationsWhere(actor, access) },
        select: { projectId: true },
      })
    : null;
  const inProject = annotation?.projectId === access.projectId;
  if (!inProject) {
    throw unprocessable("annotationId must be an annotation of the event's project.", {
      issues: [{ path: "annotationId", message: "unknown annotation in this project" }],
    });
  }
}

async function requireLink(actor: Actor, linkId: string) {
  if (!isUuid(linkId)) throw notFound("Link");
  const row = await db().claimLink.findFirst({
    where: { id: linkId, event: { deletedAt: null }, ...liveLinkWhere },
    select: { ...linkSelect, event: { select: { projectId: true } } },
  });
  if (!row) throw notFound("Link");
  const access = await requireProjectPermission(actor, row.event.projectId, "event.read");
  const visible = await db().annotation.count({
    where: { id: row.annotationId, ...visibleAnnotationsWhere(actor, access) },
  });
  if (visible === 0) throw notFound("Link");
  const mayChange =
    roleAllows(access.role, "event.manage") ||
    (row.createdById === actor.userId && roleAllows(access.role, "event.link"));
  if (!mayChange) throw forbidden("Only the link's author or an editor may change or delete it.");
  return { row, access };
}

export async function updateLink(actor: Actor, linkId: string, input: unknown): Promise<ClaimLinkView> {
  const { row: before, access } = await requireLink(actor, linkId);
  const changes = parseInput(updateLinkInput, input);
  return db().$transaction(async (tx) => {
    const data: Prisma.ClaimLinkUpdateInput = {};
    if (changes.stance !== undefined) data.stance = changes.stance;
    if (changes.attributedTo !== undefined) data.attributedTo = changes.attributedTo;
    if (changes.note !== undefined) data.note = changes.note;
    const after = toLinkView(await tx.claimLink.update({ where: { id: linkId }, data, select: linkSelect }));
    await recordAudit(tx, actor, {
      projectId: access.projectId,
      action: "link.update",
      entityType: "ClaimLink",
      entityId: linkId,
      before: toLinkView(before),
      after,
    });
    const changed =
      after.stance !== before.stance || after.attributedTo !== before.attributedTo || after.note !== before.note;
    if (changed) await reopenApprovedAnnotation(tx, actor, access, before.annotationId, "link.update");
    return after;
  });
}

export async function deleteLink(actor: Actor, linkId: string): Promise<void> {
  const { row: before, access } = await requireLink(actor, linkId);
  await db().$transaction(async (tx) => {
    await tx.claimLink.delete({ where: { id: linkId } });
    await recordAudit(tx, actor, {
      projectId: access.projectId,
      action: "link.delete",
      entityType: "ClaimLink",
      entityId: linkId,
      before: toLinkView(before),
    });
    await reopenApprovedAnnotation(tx, actor, access, before.annotationId, "link.delete");
  });
}

/** A claim link as the reader shows it on the annotation: with its event's title and date. */
export interface ArticleLinkView extends ClaimLinkView {
  event: { id: string; title: string; date: string | null };
}

/**
 * A condition on claim links aliased `l`: links of the annotations `annotationIds`
 * (an SQL query of their ids) selects, looked up by annotation through the
 * index on claim_links (annotation_id, …), never by reading every link of
 * the project, whatever the planner's costs say.
 */
export function linksOfClaimsSql(annotationIds: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`l.annotation_id = ANY(ARRAY(${annotationIds}))`;
}

/** The links of the article's claims the caller can see (live events), oldest first. */
export function articleLinksStatement(
  actor: Actor,
  access: ProjectAccess,
  articleId: string,
  page?: { afterId: string | null; limit: number },
): Prisma.Sql {
  const after = page?.afterId
    ? Prisma.sql`AND (l.created_at, l.id) > (SELECT c.created_at, c.id FROM claim_links c
      WHERE c.id = ${page.afterId}::uuid)`
    : Prisma.empty;
  return Prisma.sql`
    SELECT l.id, l.event_id AS "eventId", l.annotation_id AS "annotationId", l.stance::text AS stance, l.attributed_to
      AS "attributedTo", l.note,
           l.created_by_id AS "createdById", u.name AS "createdByName", l.created_at AS "createdAt", l.updated_at AS
             "updatedAt",
           e.title AS "eventTitle", e.date_start AS "eventDate"
    FROM claim_links l JOIN events e ON e.id = l.event_id AND e.deleted_at IS NULL
      JOIN users u ON u.id = l.created_by_id
    WHERE ${linksOfClaimsSql(Prisma.sql`SELECT a.id FROM annotations a WHERE a.article_id = ${articleId}::uuid
      AND ${visibleAnnotationsSql(actor, access, { ofArticle: true })}`)} ${after}
    ORDER BY l.created_at, l.id
    ${page ? Prisma.sql`LIMIT ${page.limit + 1}` : Prisma.empty}`;
}

type ArticleLinkRow = Omit<LinkRow, "createdBy"> & {
  createdByName: string;
  eventTitle: string;
  eventDate: Date | null;
};

function toArticleLinkView({ createdByName, eventTitle, eventDate, ...row }: ArticleLinkRow): ArticleLinkView {
  return {
    ...toLinkView({ ...row, createdBy: { id: row.createdById, name: createdByName } }),
    event: { id: row.eventId, title: eventTitle, date: formatDate(eventDate) },
  };
}

/** The links of the article's claims the caller can see, for the reader's sidebar. */
export async function listArticleLinks(actor: Actor, articleId: string): Promise<ArticleLinkView[]> {
  const access = await requireArticlePermission(actor, articleId, "event.read");
  const rows = await db().$queryRaw<ArticleLinkRow[]>(articleLinksStatement(actor, access, articleId));
  return rows.map(toArticleLinkView);
}

/**
 * A page of listArticleLinks (GET …/articles/:articleId/links), read in SQL after the cursor: the reader loads them
 * after its first paint.
 */
export async function listArticleLinksPage(
  actor: Actor,
  articleId: string,
  query: unknown,
): Promise<Page<ArticleLinkView>> {
  const access = await requireArticlePermission(actor, articleId, "event.read");
  const { limit, cursor } = parseInput(pageQuery, query);
  const afterId = cursor === undefined ? null : cursorId(cursor);
  if (afterId !== null && (await db().claimLink.count({ where: { id: afterId, annotation: { articleId } } })) === 0)
    throw invalidCursor();
  const rows = await db().$queryRaw<ArticleLinkRow[]>(
    articleLinksStatement(actor, access, articleId, { afterId, limit }),
  );
  return toPage(rows, limit, toArticleLinkView);
}

/** For restoring events and links (lib/restore): the same columns and views. */
export { editorEventSelect, linkSelect, toEventView, toLinkView };
