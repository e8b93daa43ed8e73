import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { cursorId, type Page, pageQuery, toPage } from "@/lib/pagination";
import { requireProjectPermission } from "@/lib/permissions";
import { isUuid, likeLiteral, parseInput, queryText } from "@/lib/validation";

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
}

const historyQuery = pageQuery.extend({
  /** One annotation's (or other entity's) history. */
  entity: queryText(100).optional(),
  /** e.g. `annotation.update`, or a prefix such as `annotation.`. */
  action: queryText(100).optional(),
  /** The user who made the change. */
  actor: z.uuid({ error: "actor must be a user id" }).optional(),
});

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
}

/**
 * A page of the project's history, newest first, before the entry
 * `beforeId`: read backwards along an index that starts with the project
 * (and the item, for one item's history), stopping at the page's end.
 */
export function historyStatement(
  projectId: string,
  { entity, action, actorId, beforeId }: HistoryFilters,
  limit: number,
): Prisma.Sql {
  const conditions = [Prisma.sql`h.project_id = ${projectId}::uuid`];
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
  const { limit, cursor, entity, action, actor: actorId } = parseInput(historyQuery, query);
  const rows = await db().$queryRaw<HistoryRow[]>(
    historyStatement(
      projectId,
      { entity, action, actorId, beforeId: cursor === undefined ? undefined : cursorId(cursor) },
      limit + 1,
    ),
  );
  const mentioned = new Map(
    rows.map((row) => [row.id, [...new Set([...mentionedIds(row.before), ...mentionedIds(row.after)])]]),
  );
  const names = await namesOf(projectId, [...mentioned.values()].flat());
  return toPage(rows, limit, ({ actorId: entryActorId, actorName, ...row }) => ({
    ...row,
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
async function namesOf(projectId: string, ids: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const where = { projectId, id: { in: wanted } };
  const [events, articles, sources, annotations] = await Promise.all([
    db().event.findMany({ where, select: { id: true, title: true } }),
    db().article.findMany({ where, select: { id: true, title: true } }),
    db().source.findMany({ where, select: { id: true, name: true } }),
    db().annotation.findMany({ where, select: { id: true, exact: true } }),
  ]);
  return new Map([
    ...events.map((event) => [event.id, event.title] as const),
    ...articles.map((article) => [article.id, article.title] as const),
    ...sources.map((source) => [source.id, source.name] as const),
    ...annotations.map((annotation) => [annotation.id, `“${annotation.exact}”`] as const),
  ]);
}
