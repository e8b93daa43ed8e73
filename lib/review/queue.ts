import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { ANNOTATION_STATUSES } from "@/lib/annotation-summaries";
import { type AnnotationView, annotationJsonSql, carriesTagSql, shownTagsSql } from "@/lib/annotations";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { cursorId, type Page, pageJson, pageQuery } from "@/lib/pagination";
import { type ProjectAccess, requireProjectPermission, visibleAnnotationsSql } from "@/lib/permissions";
import { isUuid, likeLiteral, parseInput, queryText } from "@/lib/validation";

/** An annotation of the project's list (the review queue): its view, with the article it is on. */
export interface ProjectAnnotation extends AnnotationView {
  article: { id: string; title: string; source: string | null };
}

/** The longest wait the age filter takes, in days (a hundred years). */
const MAX_AGE_DAYS = 36_500;

const projectListQuery = pageQuery.extend({
  status: z.enum(ANNOTATION_STATUSES).optional(),
  /** An article id. */
  article: queryText(100).optional(),
  /** A user id. */
  author: queryText(100).optional(),
  /** A tag's id or name. */
  tag: queryText(200).optional(),
  /** A codebook group's id or name: annotations with a tag of it. */
  group: queryText(200).optional(),
  /** Made at least this many days ago. */
  olderThan: z.coerce.number().int().min(0).max(MAX_AGE_DAYS).optional(),
  /** Words in the quote or the note (any case). */
  q: queryText(200).optional(),
});

export type ProjectListQuery = z.output<typeof projectListQuery>;

/** An SQL condition on the annotations aliased `a`: one of their tags is of the codebook group named (id or name). */
function carriesGroupSql(ref: string): Prisma.Sql {
  const ids = isUuid(ref) ? [ref] : [];
  return Prisma.sql`EXISTS (SELECT 1 FROM annotation_tags at JOIN tags t ON t.id = at.tag_id
    JOIN tag_groups g ON g.id = t.group_id
    WHERE at.annotation_id = a.id AND (g.id = ANY(${ids}::uuid[]) OR g.name = ${ref}))`;
}

/** The filters of the list as SQL conditions on the annotations aliased `a`; ids that name nothing match nothing. */
function filterConditions(query: ProjectListQuery): Prisma.Sql[] {
  const { status, article, author, tag, group, olderThan, q } = query;
  const byId = (column: string, id: string) =>
    isUuid(id) ? Prisma.sql`${Prisma.raw(column)} = ${id}::uuid` : Prisma.sql`FALSE`;
  const conditions: Prisma.Sql[] = [];
  if (status) conditions.push(Prisma.sql`a.status = ${status}::"AnnotationStatus"`);
  if (article) conditions.push(byId("a.article_id", article));
  if (author) conditions.push(byId("a.author_id", author));
  if (tag) conditions.push(carriesTagSql([tag]));
  if (group) conditions.push(carriesGroupSql(group));
  if (olderThan !== undefined) conditions.push(Prisma.sql`a.created_at <= now() - make_interval(days => ${olderThan})`);
  if (q?.trim()) {
    const pattern = `%${likeLiteral(q.trim())}%`;
    conditions.push(Prisma.sql`(a.exact ILIKE ${pattern} OR a.note ILIKE ${pattern})`);
  }
  return conditions;
}

/**
 * One page of the project's annotations the caller may see (blind coding as
 * in each article's list), oldest first, filtered by `status`, `article`,
 * `author`, `tag`, `group`, `olderThan` (days) and `q`, as the JSON text of a
 * Page<ProjectAnnotation>: the review queue is `status=SUBMITTED`.
 *
 * Ids are UUIDv7, so id order is the order they were made in and the page
 * after a cursor starts after its id; the queue reads
 * annotations_review_queue_idx in that order and stops at the page's end.
 */
export async function listProjectAnnotationsJson(actor: Actor, projectId: string, query: unknown): Promise<string> {
  const access = await requireProjectPermission(actor, projectId, "annotation.read");
  const [{ items, lastId }] = await db().$queryRaw<[{ items: string; lastId: string | null }]>(
    projectAnnotationsStatement(actor, access, parseInput(projectListQuery, query)),
  );
  return pageJson(items, lastId);
}

/** The statement of listProjectAnnotationsJson: the page's items as JSON text, and its last id if more follow. */
export function projectAnnotationsStatement(actor: Actor, access: ProjectAccess, query: ProjectListQuery): Prisma.Sql {
  const { limit, cursor } = query;
  const conditions = [visibleAnnotationsSql(actor, access), ...filterConditions(query)];
  if (cursor !== undefined) conditions.push(Prisma.sql`a.id > ${cursorId(cursor)}::uuid`);
  // The limit is written into the statement (a checked integer), as in the article's list: a parameter would make
  // PostgreSQL plan the prepared statement anew each time.
  return Prisma.sql`
    WITH page AS (
      SELECT a.* FROM annotations a JOIN articles ar ON ar.id = a.article_id AND ar.deleted_at IS NULL
      WHERE ${Prisma.join(conditions, " AND ")}
      ORDER BY a.id LIMIT ${Prisma.raw(String(limit + 1))}
    ),
    shown AS (SELECT * FROM page ORDER BY id LIMIT ${Prisma.raw(String(limit))}),
    ${shownTagsSql}
    SELECT coalesce(string_agg((${annotationJsonSql}::jsonb || jsonb_build_object('article',
        jsonb_build_object('id', ar.id, 'title', ar.title, 'source', s.name)))::text, ',' ORDER BY a.id), '') AS items,
      CASE WHEN (SELECT count(*) FROM page) > ${limit} THEN (SELECT id FROM shown ORDER BY id DESC LIMIT 1) END
        AS "lastId"
    FROM shown a LEFT JOIN tagged tg ON tg.annotation_id = a.id JOIN users u ON u.id = a.author_id
      JOIN articles ar ON ar.id = a.article_id LEFT JOIN sources s ON s.id = ar.source_id`;
}

/** As listProjectAnnotationsJson, as data (for pages). */
export async function listProjectAnnotations(
  actor: Actor,
  projectId: string,
  query: unknown,
): Promise<Page<ProjectAnnotation>> {
  return JSON.parse(await listProjectAnnotationsJson(actor, projectId, query)) as Page<ProjectAnnotation>;
}
