/**
 * The one outward shape of an annotation: what the API answers, the reader
 * shows and exports and the comparison start from. Each field is defined once,
 * with the SQL that reads it and how a row read by Prisma gives it, so that
 * PostgreSQL's JSON (the list path, written in SQL for speed) and the views
 * built in Node cannot drift apart: they are made from the same table, in the
 * same order (tests/integration/annotation-shape.test.ts checks them against
 * each other).
 */
import "server-only";
import type { AnchorState } from "@/lib/anchoring";
import { inCodebookOrder } from "@/lib/codebook";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AnnotationStatus, TagGroupKind } from "@/lib/generated/prisma/enums";

export interface AnnotationTagView {
  id: string;
  name: string;
  /** The name of the tag's codebook group. */
  group: string;
  color: string;
}

export interface AnnotationView {
  id: string;
  articleId: string;
  /** UTF-16 code units into the article text (of `revision`), end exclusive. */
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  tags: AnnotationTagView[];
  note: string | null;
  status: AnnotationStatus;
  /** Why an editor rejected it (or a note with the approval). */
  reviewNote: string | null;
  /** The public address of its published review when an editor set one (else the project's template applies). */
  reviewUrl: string | null;
  version: number;
  /** How the span was found after the last text edit; `orphaned` spans point into an older revision. */
  anchor: AnchorState;
  revision: number;
  author: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  /** Its live comments (deleted ones not counted). */
  commentCount: number;
}

/** What a codebook tag is read with (by Prisma, or as JSON by codebookJsonSql) to make its view and order. */
export const codebookTagSelect = {
  id: true,
  name: true,
  color: true,
  position: true,
  group: { select: { id: true, name: true, position: true, choice: true, required: true } },
} as const satisfies Prisma.TagSelect;

export type CodebookTag = Prisma.TagGetPayload<{ select: typeof codebookTagSelect }>;

/** What a tag's view is made from (a codebook tag, or a tag read with its group's name and place only). */
export type ViewedTag = Pick<CodebookTag, "id" | "name" | "color" | "position"> & {
  group: { name: string; position: number };
};

/** An annotation as Prisma reads it to make its view (and to check changes against). */
export const viewSelect = {
  id: true,
  projectId: true,
  articleId: true,
  authorId: true,
  start: true,
  end: true,
  exact: true,
  prefix: true,
  suffix: true,
  note: true,
  status: true,
  reviewNote: true,
  reviewUrl: true,
  version: true,
  anchor: true,
  revision: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true } },
  tags: { select: { tag: { select: codebookTagSelect } } },
  _count: { select: { comments: { where: { deletedAt: null } } } },
} as const satisfies Prisma.AnnotationSelect;

export type AnnotationRow = Prisma.AnnotationGetPayload<{ select: typeof viewSelect }>;

/** A field of an outward shape: its SQL expression, and its value from a row read by Prisma. */
interface Field<Row, Value> {
  sql: Prisma.Sql;
  of: (row: Row) => Value;
}

type Fields<View, Row> = { [Key in keyof View]: Field<Row, View[Key]> };

/** A tag's view, field by field, for the tag `t` of the group `g`. */
const TAG_FIELDS: Fields<AnnotationTagView, ViewedTag> = {
  id: { sql: Prisma.sql`t.id`, of: (tag) => tag.id },
  name: { sql: Prisma.sql`t.name`, of: (tag) => tag.name },
  group: { sql: Prisma.sql`g.name`, of: (tag) => tag.group.name },
  color: { sql: Prisma.sql`t.color`, of: (tag) => tag.color },
};

/** A timestamp column as Date.toISOString() writes it. */
function isoTimestamp(column: "a.created_at" | "a.updated_at"): Prisma.Sql {
  return Prisma.sql`to_char(${Prisma.raw(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * The live comments of the annotation `a`, counted from the index of live comments by annotation
 * (comments_live_annotation_idx) alone.
 */
export const commentCountSql = Prisma.sql`(SELECT count(*)::int FROM comments c
  WHERE c.annotation_id = a.id AND c.deleted_at IS NULL)`;

/**
 * The annotation's view, field by field, in the order the API writes them:
 * for the annotation `a`, its author `u` and its tags' JSON `tg.tags`
 * (annotationTagsJsonSql).
 */
const FIELDS: Fields<AnnotationView, Omit<AnnotationRow, "projectId">> = {
  id: { sql: Prisma.sql`a.id`, of: (row) => row.id },
  articleId: { sql: Prisma.sql`a.article_id`, of: (row) => row.articleId },
  start: { sql: Prisma.sql`a.start`, of: (row) => row.start },
  end: { sql: Prisma.sql`a."end"`, of: (row) => row.end },
  exact: { sql: Prisma.sql`a.exact`, of: (row) => row.exact },
  prefix: { sql: Prisma.sql`a.prefix`, of: (row) => row.prefix },
  suffix: { sql: Prisma.sql`a.suffix`, of: (row) => row.suffix },
  tags: { sql: Prisma.sql`coalesce(tg.tags, '[]')`, of: (row) => toTagViews(row.tags.map(({ tag }) => tag)) },
  note: { sql: Prisma.sql`a.note`, of: (row) => row.note },
  status: { sql: Prisma.sql`a.status::text`, of: (row) => row.status },
  reviewNote: { sql: Prisma.sql`a.review_note`, of: (row) => row.reviewNote },
  reviewUrl: { sql: Prisma.sql`a.review_url`, of: (row) => row.reviewUrl },
  version: { sql: Prisma.sql`a.version`, of: (row) => row.version },
  anchor: { sql: Prisma.sql`lower(a.anchor::text)`, of: (row) => row.anchor.toLowerCase() as AnchorState },
  revision: { sql: Prisma.sql`a.revision`, of: (row) => row.revision },
  author: { sql: Prisma.sql`json_build_object('id', u.id, 'name', u.name)`, of: (row) => row.author },
  createdAt: { sql: isoTimestamp("a.created_at"), of: (row) => row.createdAt.toISOString() },
  updatedAt: { sql: isoTimestamp("a.updated_at"), of: (row) => row.updatedAt.toISOString() },
  commentCount: { sql: commentCountSql, of: (row) => row._count.comments },
};

function entriesOf<View, Row>(fields: Fields<View, Row>) {
  return Object.entries(fields) as [keyof View & string, Field<Row, View[keyof View]>][];
}

/**
 * A function making the view from a row, field by field in order (a plain
 * loop: Object.fromEntries took ten times as long).
 */
function viewMaker<View, Row>(fields: Fields<View, Row>): (row: Row) => View {
  const keys = entriesOf(fields).map(([key]) => key);
  const readers = entriesOf(fields).map(([, field]) => field.of);
  return (row) => {
    const view = {} as Record<string, unknown>;
    for (let index = 0; index < keys.length; index++) view[keys[index]!] = readers[index]!(row);
    return view as View;
  };
}

/** `expression AS "key"` for each of the fields (keys are names written here, never input). */
function columnsOf<View, Row>(fields: Fields<View, Row>, keys: readonly (keyof View & string)[]): Prisma.Sql {
  return Prisma.join(keys.map((key) => Prisma.sql`${fields[key].sql} AS ${Prisma.raw(`"${key}"`)}`));
}

/** The annotation's view from its row as Prisma reads it (viewSelect). */
export const toView: (row: Omit<AnnotationRow, "projectId">) => AnnotationView = viewMaker(FIELDS);

const toTagView = viewMaker(TAG_FIELDS);
/** Each codebook tag's view, made once for each time the codebook is read (a page holds thousands of its tags). */
const tagViews = new WeakMap<ViewedTag, AnnotationTagView>();

function tagViewOf(tag: ViewedTag): AnnotationTagView {
  const known = tagViews.get(tag);
  if (known) return known;
  const view = toTagView(tag);
  tagViews.set(tag, view);
  return view;
}

/** An annotation's tags as views show them: in codebook order. */
export function toTagViews(tags: ViewedTag[]): AnnotationTagView[] {
  return inCodebookOrder(tags).map(tagViewOf);
}

/** A tag's view with its group's kind, for exports and the comparison (which sort and count tags by kind). */
export type KindedTagView = Omit<AnnotationTagView, "color"> & { kind: TagGroupKind; color: string };

/** A tag's KindedTagView: the kind after the group, where exports and the comparison have always written it. */
export function toKindedTagView(tag: ViewedTag & { group: { kind: TagGroupKind } }): KindedTagView {
  const { color, ...named } = tagViewOf(tag);
  return { ...named, kind: tag.group.kind, color };
}

/**
 * An AnnotationView as PostgreSQL's JSON, for the annotation `a`, its author
 * `u` and its tags' JSON `tg.tags`: the same fields, in the same order and
 * with the same values as toView.
 */
export const annotationJsonSql = Prisma.sql`(SELECT row_to_json(v) FROM (SELECT ${columnsOf(
  FIELDS,
  entriesOf(FIELDS).map(([key]) => key),
)}) v)`;

/** Some fields of the view as columns (`expression AS "key"`), for a query that reads only those. */
export function annotationColumnsSql(keys: readonly (keyof AnnotationView & string)[]): Prisma.Sql {
  return columnsOf(FIELDS, keys);
}

/** `json_build_object('key', expression, …)` (keys are names written here, never input). */
function jsonObjectSql(pairs: [string, Prisma.Sql][]): Prisma.Sql {
  const args = pairs.map(([key, sql]) => Prisma.sql`${Prisma.raw(`'${key}'`)}, ${sql}`);
  return Prisma.sql`json_build_object(${Prisma.join(args)})`;
}

/**
 * An annotation's tags' views as one JSON array in codebook order: an
 * aggregate over its tags `t` of the groups `g` (the `tg.tags` of
 * annotationJsonSql).
 */
export const annotationTagsJsonSql = Prisma.sql`json_agg(${jsonObjectSql(
  entriesOf(TAG_FIELDS).map(([key, field]) => [key, field.sql]),
)} ORDER BY g.position, t.position)`;

/**
 * The CTE `tagged` of a page's statement: the tags' JSON (`tags`, in codebook order) of each annotation of the CTE
 * `shown`, for annotationJsonSql's `tg`.
 */
export const shownTagsSql = Prisma.sql`tagged AS (
      SELECT at.annotation_id, ${annotationTagsJsonSql} AS tags
      FROM shown JOIN annotation_tags at ON at.annotation_id = shown.id JOIN tags t ON t.id = at.tag_id
        JOIN tag_groups g ON g.id = t.group_id
      GROUP BY at.annotation_id
    )`;

/**
 * A Prisma select of columns (and of to-one relations, aliased in
 * `relations`) as PostgreSQL's JSON of the row `alias`.
 */
function selectJsonSql(select: object, alias: string, relations: Record<string, string>): Prisma.Sql {
  const column = (name: string) => `${alias}.${name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)}`;
  return jsonObjectSql(
    Object.entries(select).map(([key, value]) => [
      key,
      value === true ? Prisma.raw(column(key)) : selectJsonSql(value.select, relations[key]!, relations),
    ]),
  );
}

/**
 * The codebook tag `t` of the group `g` as JSON, as Prisma reads it with
 * codebookTagSelect (and whether it is archived): for a statement that reads
 * the codebook along with other things.
 */
export const codebookTagJsonSql = selectJsonSql({ ...codebookTagSelect, archivedAt: true }, "t", { group: "g" });
