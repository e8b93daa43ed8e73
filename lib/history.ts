import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { cursorId, type Page, pageQuery, toPage } from "@/lib/pagination";
import { requireProjectPermission } from "@/lib/permissions";
import { HISTORY_KIND_KEYS, HISTORY_KINDS, type HistoryKind, type HistoryKindKey } from "@/lib/history-kinds";
import { calendarDate, isUuid, likeLiteral, parseInput, queryText } from "@/lib/validation";

export interface HistoryEntry {
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  actor: { id: string; name: string } | null;
  createdAt: string;
  before: unknown;
  after: unknown;
  /** The fields that differ between before and after, for a readable diff. */
  changes: { field: string; before: unknown; after: unknown }[];
  /**
   * What the ids the entry mentions (`eventId`, `annotationId`, `articleId`…) name now: an event's or article's title,
   * an annotation's quote.
   */
  names: Record<string, string>;
  /** The page of the thing changed (an annotation's article, scrolled to it; an event's page…), where there is one. */
  href: string | null;
}

const historyQuery = pageQuery
  .extend({
    /** One annotation's (or other entity's) history. */
    entity: queryText(100).optional(),
    /** e.g. `annotation.update`, or a prefix such as `annotation.`. */
    action: queryText(100).optional(),
    /** The user who made the change. */
    actor: z.uuid({ error: "actor must be a user id" }).optional(),
    /** A kind of change in people's words (lib/history-kinds): `annotation.approve`, `comment.delete`… */
    kind: z.enum(HISTORY_KIND_KEYS, { error: `kind must be one of ${HISTORY_KIND_KEYS.join(", ")}` }).optional(),
    /** The first and last day (UTC) of the changes shown. */
    from: calendarDate.optional(),
    to: calendarDate.optional(),
  })
  .refine(({ from, to }) => !from || !to || from <= to, { message: "from must not be after to", path: ["to"] });

function differences(before: unknown, after: unknown): HistoryEntry["changes"] {
  const asRecord = (value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const left = asRecord(before);
  const right = asRecord(after);
  return [...new Set([...Object.keys(left), ...Object.keys(right)])]
    .filter((field) => JSON.stringify(left[field]) !== JSON.stringify(right[field]))
    .map((field) => ({ field, before: left[field] ?? null, after: right[field] ?? null }));
}

/** The history's filters as SQL conditions on audit_entries aliased `h`. */
export interface HistoryFilters {
  entity?: string;
  action?: string;
  actorId?: string;
  beforeId?: string;
  kind?: HistoryKindKey;
  from?: Date;
  to?: Date;
}

/**
 * The smallest UUIDv7 of a moment: entries' ids begin with the millisecond
 * they were made, so a range of days is a range of the index's ids.
 */
function firstIdAt(moment: Date): string {
  const hex = Math.max(0, moment.getTime()).toString(16).padStart(12, "0");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

const DAY_MS = 86_400_000;

/** The conditions of a kind of change and a range of days, index-friendly (by action, by id). */
function kindAndDatesSql({ kind, from, to }: Pick<HistoryFilters, "kind" | "from" | "to">): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (kind) {
    const { action, status } = HISTORY_KINDS[kind] as HistoryKind;
    conditions.push(Prisma.sql`h.action = ${action}`);
    if (status)
      conditions.push(Prisma.sql`h.after->>'status' = ${status} AND h.before->>'status' IS DISTINCT FROM ${status}`);
  }
  if (from) conditions.push(Prisma.sql`h.id >= ${firstIdAt(from)}::uuid AND h.created_at >= ${from}`);
  if (to) {
    const end = new Date(to.getTime() + DAY_MS);
    conditions.push(Prisma.sql`h.id < ${firstIdAt(end)}::uuid AND h.created_at < ${end}`);
  }
  return conditions;
}

/**
 * A page of the project's history, newest first, before the entry
 * `beforeId`: read backwards along an index that starts with the project
 * (and the item, for one item's history), stopping at the page's end.
 */
export function historyStatement(
  projectId: string,
  { entity, action, actorId, beforeId, ...kindAndDates }: HistoryFilters,
  limit: number,
): Prisma.Sql {
  const conditions = [Prisma.sql`h.project_id = ${projectId}::uuid`, ...kindAndDatesSql(kindAndDates)];
  if (entity) conditions.push(Prisma.sql`h.entity_id = ${entity}`);
  if (action)
    conditions.push(
      action.endsWith(".") ? Prisma.sql`h.action LIKE ${`${likeLiteral(action)}%`}` : Prisma.sql`h.action = ${action}`,
    );
  if (actorId) conditions.push(Prisma.sql`h.actor_id = ${actorId}::uuid`);
  if (beforeId) conditions.push(Prisma.sql`h.id < ${beforeId}::uuid`);
  return Prisma.sql`
    SELECT h.id, h.action, h.entity_type AS "entityType", h.entity_id AS "entityId", h.before, h.after, h.created_at AS
      "createdAt", h.actor_id AS "actorId", u.name AS "actorName"
    FROM audit_entries h LEFT JOIN users u ON u.id = h.actor_id
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY h.id DESC
    LIMIT ${limit}`;
}

interface HistoryRow {
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
}

/** The project's history of changes, newest first, filterable by entity, action and author (editors and admins). */
export async function listHistory(actor: Actor, projectId: string, query: unknown): Promise<Page<HistoryEntry>> {
  await requireProjectPermission(actor, projectId, "audit.read");
  const { limit, cursor, entity, action, actor: actorId, kind, from, to } = parseInput(historyQuery, query);
  const rows = await db().$queryRaw<HistoryRow[]>(
    historyStatement(
      projectId,
      { entity, action, actorId, kind, from, to, beforeId: cursor === undefined ? undefined : cursorId(cursor) },
      limit + 1,
    ),
  );
  const mentioned = new Map(
    rows.map((row) => [row.id, [...new Set([...mentionedIds(row.before), ...mentionedIds(row.after)])]]),
  );
  const { names, articleOf } = await namesOf(projectId, [...mentioned.values()].flat());
  return toPage(rows, limit, ({ actorId: entryActorId, actorName, ...row }) => ({
    ...row,
    href: hrefOf(projectId, row, articleOf),
    actor: entryActorId === null ? null : { id: entryActorId, name: actorName! },
    createdAt: row.createdAt.toISOString(),
    changes: differences(row.before, row.after),
    names: Object.fromEntries(mentioned.get(row.id)!.flatMap((id) => (names.has(id) ? [[id, names.get(id)!]] : []))),
  }));
}

/**
 * The ids in a recorded item's `…Id` fields and a merge's `mergedInto` (an entry records ids, not what they stand for).
 */
function mentionedIds(record: unknown): string[] {
  if (!record || typeof record !== "object" || Array.isArray(record)) return [];
  const namesAnId = (field: string) => field.endsWith("Id") || field === "mergedInto";
  return Object.entries(record).flatMap(([field, value]) =>
    namesAnId(field) && typeof value === "string" && isUuid(value) ? [value] : [],
  );
}

/**
 * The current title, name or quote of the project's events, articles, outlets and annotations among `ids`, deleted ones
 * included (history names them too).
 */
async function namesOf(
  projectId: string,
  ids: string[],
): Promise<{ names: Map<string, string>; articleOf: Map<string, string> }> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return { names: new Map(), articleOf: new Map() };
  const where = { projectId, id: { in: wanted } };
  const [events, articles, sources, annotations] = await Promise.all([
    db().event.findMany({ where, select: { id: true, title: true } }),
    db().article.findMany({ where, select: { id: true, title: true } }),
    db().source.findMany({ where, select: { id: true, name: true } }),
    db().annotation.findMany({ where, select: { id: true, exact: true, articleId: true } }),
  ]);
  const articleOf = new Map(annotations.map((annotation) => [annotation.id, annotation.articleId]));
  const names = new Map([
    ...events.map((event) => [event.id, event.title] as const),
    ...articles.map((article) => [article.id, article.title] as const),
    ...sources.map((source) => [source.id, source.name] as const),
    ...annotations.map((annotation) => [annotation.id, `“${annotation.exact}”`] as const),
  ]);
  return { names, articleOf };
}

/** Where the thing an entry changed is shown; `articleOf` gives the article of the annotations the entry mentions. */
function hrefOf(
  projectId: string,
  entry: Pick<HistoryRow, "entityType" | "entityId" | "before" | "after">,
  articleOf: Map<string, string>,
): string | null {
  const field = (name: string) => {
    for (const record of [entry.after, entry.before]) {
      const value = record && typeof record === "object" ? (record as Record<string, unknown>)[name] : undefined;
      if (typeof value === "string" && isUuid(value)) return value;
    }
    return null;
  };
  const inArticle = (annotationId: string | null) => {
    const articleId = (annotationId && articleOf.get(annotationId)) ?? field("articleId");
    return articleId && annotationId ? `/articles/${articleId}#annotation-${annotationId}` : null;
  };
  switch (entry.entityType) {
    case "Annotation":
      return inArticle(entry.entityId);
    case "Comment":
      return inArticle(field("annotationId"));
    case "Event":
      return `/events/${entry.entityId}`;
    case "ClaimLink":
      return field("eventId") && `/events/${field("eventId")}`;
    case "Article":
      return `/articles/${entry.entityId}`;
    case "Source":
      return `/projects/${projectId}/sources`;
    case "Tag":
    case "TagGroup":
      return `/projects/${projectId}/codebook`;
    default:
      return null;
  }
}
