import "server-only";
import {
  assertKeepsRules,
  type GroupRules,
  choiceClashes,
  describeClashes,
  describeMissing,
  missingRequiredGroups,
} from "@/lib/codebook/rules";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { type AnchorState, describeSpanMismatch, quoteContext } from "@/lib/anchoring";
import { lockArticleText } from "@/lib/articles";
import { readCreateTarget } from "./create-target";
import { auditInsertSql, recordAudit, recordAudits } from "@/lib/audit";
import { db, type DbClient, rawQuery } from "@/lib/db";
import { AppError, conflict, forbidden, notFound, unprocessable } from "@/lib/errors";
import { v7 as uuidv7 } from "uuid";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AnnotationStatus } from "@/lib/generated/prisma/enums";
import { ANNOTATION_STATUSES, type AnnotationSummary } from "@/lib/annotation-summaries";
import { notifyNewMentions, notifyReviewed } from "@/lib/notifications/notify";
import { MAX_PAGE_SIZE, pageJson, pageQuery } from "@/lib/pagination";
import { requireExpectedVersion } from "@/lib/preconditions";
import { reviewUrlInput } from "@/lib/publishing";
import {
  type AccessRow,
  articleAccessSql,
  decideArticleAccess,
  type ProjectAccess,
  type ProjectAction,
  requireArticlePermission,
  requireProjectPermission,
  roleAllows,
  visibleAnnotationsSql,
  visibleAnnotationsWhere,
} from "@/lib/permissions";
import { isUuid, optionalText, parseInput, queryText, storableString } from "@/lib/validation";
import {
  type AnnotationRow,
  type AnnotationView,
  annotationJsonSql,
  type CodebookTag,
  codebookTagSelect,
  commentCountSql,
  shownTagsSql,
  toTagViews,
  toView,
  viewSelect,
} from "./shape";

export type { AnnotationTagView, AnnotationView } from "./shape";
export { annotationJsonSql, shownTagsSql, toView, viewSelect } from "./shape";

const MAX_TAGS = 50;
const MAX_NOTE_LENGTH = 20_000;

const offset = z.int().min(0);
/** Tags by id or by name, as scripts find it easier. */
const tagRefs = z.array(storableString.pipe(z.string().trim().min(1).max(200))).max(MAX_TAGS);
const note = optionalText(MAX_NOTE_LENGTH);

/** An annotation as the API takes it (and a project file's annotations: lib/imports). */
export const annotationFields = { start: offset, end: offset, exact: storableString, tags: tagRefs.default([]), note };
const createInput = z.strictObject(annotationFields);

const updateInput = z
  .strictObject({
    start: offset.optional(),
    end: offset.optional(),
    exact: storableString.optional(),
    tags: tagRefs.optional(),
    note,
    status: z.enum(ANNOTATION_STATUSES).optional(),
    /** The editor's reason, required to reject. */
    reviewNote: optionalText(5000),
    /** Where the claim's review is published, when not at the project's template address (editors). */
    reviewUrl: reviewUrlInput,
  })
  .refine(({ status, reviewNote }) => status !== "REJECTED" || Boolean(reviewNote), {
    message: "a rejection needs a reviewNote saying why",
    path: ["reviewNote"],
  })
  .refine(
    ({ start, end, exact }) =>
      [start, end, exact].every((value) => value === undefined) ||
      [start, end, exact].every((value) => value !== undefined),
    "a new span needs start, end and exact together",
  )
  .refine(
    (changes) => Object.values(changes).some((value) => value !== undefined),
    "nothing to change: send tags, note, status, reviewUrl or start/end/exact",
  );

const listQuery = pageQuery.extend({
  status: z.enum(ANNOTATION_STATUSES).optional(),
  author: queryText(100).optional(),
  tag: queryText(200).optional(),
  /** Comma-separated annotation ids, as many as a page holds (what the reader loads for the cards it shows). */
  ids: queryText(MAX_PAGE_SIZE * 37).optional(),
});

const { author: _author, tags: _tags, _count: _counts, ...scalarSelect } = viewSelect;
/** A codebook tag with whether it is archived (a date; a string when read as JSON). */
export type CodebookEntry = CodebookTag & { archivedAt: Date | string | null };

/** An annotation as the list queries read it: the view's columns, flat, with the author's name. */
interface ListRow extends Omit<Prisma.AnnotationGetPayload<{ select: typeof scalarSelect }>, "projectId"> {
  authorName: string;
  commentCount: number;
}

/**
 * The article's annotations the caller may see, in text order, as ListRows:
 * one hand-written query (Prisma's findMany took 2.4 times as long as the same
 * SQL for 1,000 rows: npm run bench).
 */
export function annotationRowsStatement(actor: Actor, access: ProjectAccess, articleId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT a.id, a.article_id AS "articleId", a.author_id AS "authorId", u.name AS "authorName", a.start, a."end",
      a.exact, a.prefix, a.suffix,
           a.note, a.status::text AS status, a.review_note AS "reviewNote",
           a.review_url AS "reviewUrl", a.version, a.anchor::text AS anchor,
             a.revision,
           a.created_at AS "createdAt", a.updated_at AS "updatedAt", ${commentCountSql} AS "commentCount"
    FROM annotations a JOIN users u ON u.id = a.author_id
    WHERE a.article_id = ${articleId}::uuid AND ${visibleAnnotationsSql(actor, access, { ofArticle: true })}
    ORDER BY a.start, a."end", a.id`;
}

/**
 * Views of many annotations at once: their tags with one query, and the small codebook. The rows and their tags are
 * read with pg alone (rawQuery), without Prisma's conversion of each value: 1,000 annotations took 1.37 times the
 * same statements through pg alone, and 1.29 times after (npm run bench).
 */
async function toViews(projectId: string, rows: ListRow[]): Promise<AnnotationView[]> {
  if (rows.length === 0) return [];
  const [pairs, codebook] = await Promise.all([
    rawQuery<{ annotationId: string; tagId: string }>(Prisma.sql`
      SELECT annotation_id AS "annotationId", tag_id AS "tagId" FROM annotation_tags
        WHERE annotation_id = ANY(${rows.map((row) => row.id)}::uuid[])`).then(({ rows: found }) => found),
    db().tag.findMany({ where: { projectId }, select: codebookTagSelect }),
  ]);
  const tagById = new Map(codebook.map((tag) => [tag.id, tag]));
  const tagsOf = new Map<string, { tag: CodebookTag }[]>();
  for (const { annotationId, tagId } of pairs) {
    const tags = tagsOf.get(annotationId) ?? [];
    tags.push({ tag: tagById.get(tagId)! });
    tagsOf.set(annotationId, tags);
  }
  return rows.map(({ authorName, commentCount, ...row }) =>
    toView({
      ...row,
      author: { id: row.authorId, name: authorName },
      tags: tagsOf.get(row.id) ?? [],
      _count: { comments: commentCount },
    }),
  );
}

/** What the audit log keeps of an annotation (its discussion is audited with each comment). */
export function auditSnapshot(view: AnnotationView) {
  const { tags, author: _author, prefix: _prefix, suffix: _suffix, commentCount: _comments, ...rest } = view;
  return { ...rest, tags: tags.map((tag) => tag.name) };
}

/** An SQL condition on the annotations aliased `a`: they carry one of the tags named (by id or by name). */
export function carriesTagSql(refs: string[]): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM annotation_tags at JOIN tags t ON t.id = at.tag_id
    WHERE at.annotation_id = a.id AND (t.id = ANY(${refs.filter(isUuid)}::uuid[]) OR t.name = ANY(${refs}::text[])))`;
}

/** A visible annotation's row and the caller's access to its project; 404 for anything the caller cannot see. */
async function requireAnnotation(actor: Actor, annotationId: string, action: ProjectAction) {
  if (!isUuid(annotationId)) throw notFound("Annotation");
  const found = await db().annotation.findFirst({
    where: { id: annotationId, deletedAt: null, article: { deletedAt: null } },
    select: { projectId: true },
  });
  if (!found) throw notFound("Annotation");
  const access = await requireProjectPermission(actor, found.projectId, "annotation.read");
  const row = await db().annotation.findFirst({
    where: { id: annotationId, ...visibleAnnotationsWhere(actor, access) },
    select: viewSelect,
  });
  if (!row) throw notFound("Annotation");
  if (action !== "annotation.read") {
    const ownAction: ProjectAction = row.authorId === actor.userId ? "annotation.edit-own" : "annotation.edit-any";
    if (!roleAllows(access.role, ownAction)) {
      throw forbidden(
        ownAction === "annotation.edit-own"
          ? `This needs the REVIEWER role in this project; yours is ${access.role}.`
          : "Only the annotation's author or an editor may change or delete it.",
      );
    }
  }
  return { row, access };
}

/** 422 unless `span` is a non-empty span of `text` whose slice is `exact` and whose ends split no surrogate pair. */
function assertSpanMatches(text: string, span: { start: number; end: number; exact: string }): void {
  const mismatch = describeSpanMismatch(text, span);
  if (mismatch)
    throw unprocessable(`The span does not match the article text: ${mismatch}.`, { start: span.start, end: span.end });
}

/** A project's codebook groups with their rules (lib/codebook/rules). */
function readGroupRules(tx: DbClient, projectId: string): Promise<GroupRules[]> {
  return tx.tagGroup.findMany({ where: { projectId }, select: { id: true, name: true, choice: true, required: true } });
}

/** A project's codebook, to resolve tag references against. */
export function readCodebook(tx: DbClient, projectId: string): Promise<CodebookEntry[]> {
  return tx.tag.findMany({ where: { projectId }, select: { ...codebookTagSelect, archivedAt: true } });
}

/**
 * The tags named by `refs` (ids or names, names matched exactly first, then
 * ignoring case) in the project's codebook; 422 naming the unknown and
 * archived ones.
 */
export function resolveTags(codebook: CodebookEntry[], refs: string[]): CodebookTag[] {
  const unknown: string[] = [];
  const archived: string[] = [];
  const found = new Map<string, CodebookTag>();
  for (const ref of refs) {
    const tag =
      codebook.find((candidate) => candidate.id === ref || candidate.name === ref) ??
      codebook.find((candidate) => candidate.name.toLowerCase() === ref.toLowerCase());
    if (!tag) unknown.push(ref);
    else if (tag.archivedAt) archived.push(tag.name);
    else found.set(tag.id, tag);
  }
  if (unknown.length)
    throw unprocessable(`Unknown tags (not in this project's codebook): ${unknown.join(", ")}.`, { unknown });
  if (archived.length)
    throw unprocessable(`Archived tags cannot be given to annotations: ${archived.join(", ")}.`, { archived });
  return [...found.values()];
}

/** The article's annotations the caller may see, in text order, for the reader page. */
export async function listArticleAnnotations(actor: Actor, articleId: string): Promise<AnnotationView[]> {
  const access = await requireArticlePermission(actor, articleId, "annotation.read");
  return toViews(access.projectId, (await rawQuery<ListRow>(annotationRowsStatement(actor, access, articleId))).rows);
}

/**
 * What the reader page holds of each annotation the caller may see, in text
 * order (see lib/annotation-summaries.ts): no quotes, notes or context, so
 * that thousands of them read and travel quickly; each row's tag ids come
 * with it, the codebook is read once.
 */
export async function listAnnotationSummaries(actor: Actor, articleId: string): Promise<AnnotationSummary[]> {
  const access = await requireArticlePermission(actor, articleId, "annotation.read");
  const visible = visibleAnnotationsSql(actor, access, { ofArticle: true });
  // PostgreSQL writes the rows as one JSON array of arrays: Prisma building an object per row of thousands cost most of
  // the time. The comment counts, one index probe per annotation, are read beside them on another connection, so the
  // page waits for the slower of the two rather than their sum.
  const [[{ rows }], [{ counts }], codebook] = await Promise.all([
    db().$queryRaw<[{ rows: string }]>`
      SELECT coalesce(json_agg(json_build_array(a.id, a.start, a."end", a.version, a.status, lower(a.anchor::text),
        a.author_id, u.name, a.tag_ids) ORDER BY a.start, a."end", a.id), '[]')::text AS rows
      FROM (SELECT a.id, a.start, a."end", a.version, a.status, a.anchor, a.author_id, coalesce(array_agg(at.tag_id)
        FILTER (WHERE at.tag_id IS NOT NULL), '{}') AS tag_ids
            FROM annotations a LEFT JOIN annotation_tags at ON at.annotation_id = a.id
            WHERE a.article_id = ${articleId}::uuid AND ${visible}
            GROUP BY a.id) a
      JOIN users u ON u.id = a.author_id`,
    db().$queryRaw<[{ counts: string }]>`
      SELECT coalesce(json_object_agg(a.id, a.comments), '{}')::text AS counts
      FROM (SELECT a.id, ${commentCountSql} AS comments FROM annotations a
            WHERE a.article_id = ${articleId}::uuid AND ${visible}) a
      WHERE a.comments > 0`,
    db().tag.findMany({ where: { projectId: access.projectId }, select: codebookTagSelect }),
  ]);
  const tagById = new Map(codebook.map((tag) => [tag.id, tag]));
  const commentCounts = JSON.parse(counts) as Record<string, number>;
  const parsed = JSON.parse(rows) as [
    string,
    number,
    number,
    number,
    AnnotationSummary["status"],
    AnchorState,
    string,
    string,
    string[],
  ][];
  return parsed.map(([id, start, end, version, status, anchor, authorId, authorName, tagIds]) => ({
    id,
    start,
    end,
    version,
    status,
    anchor,
    author: { id: authorId, name: authorName },
    tags: toTagViews(tagIds.map((tagId) => tagById.get(tagId)!)),
    commentCount: commentCounts[id] ?? 0,
  }));
}

/**
 * One page of the article's annotations in text order, filtered by
 * `status`, `author` (user id), `tag` (id or name) and `ids`, as the JSON text of a
 * Page<AnnotationView>. The cursor is the last annotation of the previous
 * page; the next page continues after its span.
 *
 * One statement checks access and reads the page, and PostgreSQL writes the
 * items' JSON: under load each round trip and each view built in Node cost
 * more than the rest of the request (npm run bench).
 */
export async function listAnnotationsJson(actor: Actor, articleId: string, query: unknown): Promise<string> {
  if (!isUuid(articleId)) throw notFound("Article");
  const { limit, cursor, status, author, tag, ids } = parseInput(listQuery, query);
  const conditions = [Prisma.sql`a.article_id = ${articleId}::uuid`, visibleAnnotationsSql(actor, "acc")];
  if (status) conditions.push(Prisma.sql`a.status = ${status}::"AnnotationStatus"`);
  if (author) conditions.push(isUuid(author) ? Prisma.sql`a.author_id = ${author}::uuid` : Prisma.sql`FALSE`);
  if (tag) conditions.push(carriesTagSql([tag]));
  // Like `author`, ids that name no annotation (not even a UUID) match nothing.
  if (ids !== undefined) conditions.push(Prisma.sql`a.id = ANY(${ids.split(",").filter(isUuid)}::uuid[])`);
  const afterId = cursor === undefined ? undefined : Buffer.from(cursor, "base64url").toString("utf8");
  // The previous page's last annotation, read once: the page continues after it, and a cursor naming none is refused.
  const after =
    afterId !== undefined && isUuid(afterId)
      ? Prisma.sql`after_cursor AS (SELECT c.start, c."end", c.id FROM annotations c WHERE c.id = ${afterId}::uuid
        AND c.article_id = ${articleId}::uuid),`
      : null;
  if (after) conditions.push(Prisma.sql`(a.start, a."end", a.id) > (SELECT start, "end", id FROM after_cursor)`);
  // The limit is written into the statement (a checked integer): with it as a parameter PostgreSQL
  // keeps planning the prepared statement anew instead of reusing its plan.
  const {
    rows: [found],
  } = await rawQuery<AccessRow & { cursorFound: boolean | null; items: string; lastId: string | null }>(Prisma.sql`
    WITH acc AS (${articleAccessSql(actor, articleId)}),
    ${after ?? Prisma.empty}
    page AS (
      SELECT a.* FROM annotations a, acc WHERE ${Prisma.join(conditions, " AND ")}
      ORDER BY a.start, a."end", a.id LIMIT ${Prisma.raw(String(limit + 1))}
    ),
    shown AS (SELECT * FROM page ORDER BY start, "end", id LIMIT ${Prisma.raw(String(limit))}),
    ${shownTagsSql}
    SELECT acc.*, ${
      after
        ? Prisma.sql`EXISTS (SELECT 1
      FROM after_cursor)`
        : Prisma.sql`NULL::boolean`
    } AS "cursorFound",
      (SELECT coalesce(string_agg(${annotationJsonSql}::text, ',' ORDER BY a.start, a."end", a.id), '')
       FROM shown a LEFT JOIN tagged tg ON tg.annotation_id = a.id JOIN users u ON u.id = a.author_id) AS items,
      CASE WHEN (SELECT count(*) FROM page) > ${limit} THEN (SELECT id FROM shown
        ORDER BY start DESC, "end" DESC, id DESC LIMIT 1) END AS "lastId"
    FROM acc`);
  decideArticleAccess(actor, found, "annotation.read");
  if (cursor !== undefined && !found!.cursorFound)
    throw new AppError("bad_request", "Invalid cursor: pass the nextCursor of the previous page as it was.");
  return pageJson(found!.items, found!.lastId);
}

/** The annotation if the caller may see it (404 otherwise), with the caller's access to its project. */
export async function requireVisibleAnnotation(
  actor: Actor,
  annotationId: string,
): Promise<{ projectId: string; access: ProjectAccess; annotation: AnnotationView }> {
  const { row, access } = await requireAnnotation(actor, annotationId, "annotation.read");
  return { projectId: row.projectId, access, annotation: toView(row) };
}

export async function getAnnotation(actor: Actor, annotationId: string): Promise<AnnotationView> {
  const { row } = await requireAnnotation(actor, annotationId, "annotation.read");
  return toView(row);
}

/**
 * Creates an annotation on the article's current text. The span is checked
 * against the text (422 naming the difference), and prefix/suffix are taken
 * from the text, never from the caller. `options.id` gives the demo seed
 * fixed ids (idempotence).
 *
 * Two round trips: one read (access, text, codebook), one write (the
 * annotation, its tags and its audit entry as one statement, on the
 * condition that the text is still the one the span was checked against).
 */
export async function createAnnotation(
  actor: Actor,
  articleId: string,
  input: unknown,
  options: { id?: string; fromSuggestion?: "phrase" | "claim" } = {},
): Promise<AnnotationView> {
  let target = await readCreateTarget(actor, articleId);
  const { start, end, exact, tags, note } = parseInput(createInput, input);
  for (let attempt = 1; ; attempt++) {
    assertSpanMatches(target.text, { start, end, exact });
    const codebookTags = resolveTags(target.codebook, tags);
    assertKeepsRules(codebookTags, [], "DRAFT");
    const now = new Date();
    const view = toView({
      id: options.id ?? uuidv7(),
      articleId,
      authorId: actor.userId,
      start,
      end,
      exact,
      ...quoteContext(target.text, start, end),
      note: note ?? null,
      status: "DRAFT",
      reviewNote: null,
      reviewUrl: null,
      version: 1,
      anchor: "EXACT",
      revision: target.revision,
      createdAt: now,
      updatedAt: now,
      author: { id: actor.userId, name: actor.name },
      tags: codebookTags.map((tag) => ({ tag })),
      _count: { comments: 0 },
    });
    // A note that may mention someone is written with its notifications, in one transaction.
    const insert = insertAnnotationSql(actor, target.projectId, view, options.fromSuggestion);
    const isStored = view.note?.includes("@")
      ? await db().$transaction(async (tx) => {
          const isInserted = (await tx.$executeRaw(insert)) === 1;
          if (isInserted) await notifyNewMentions(tx, actor, { annotationId: view.id, text: view.note });
          return isInserted;
        })
      : (await rawQuery(insert)).rowCount === 1;
    if (isStored) return view;
    // The text was edited (or the article deleted) in between: check the span again.
    if (attempt === 3)
      throw conflict("The article's text kept changing while the annotation was saved; reload it and try again.");
    target = await readCreateTarget(actor, articleId);
  }
}

/**
 * The statement that writes the annotation `view`, its tags and its audit
 * entry if the article is still at `view.revision` (its row share-locked, as
 * lockArticleText does, so that a text edit waits for it): one row written if
 * so, none if not.
 */
function insertAnnotationSql(
  actor: Actor,
  projectId: string,
  view: AnnotationView,
  fromSuggestion: "phrase" | "claim" | undefined,
): Prisma.Sql {
  return Prisma.sql`
    WITH article AS (
      SELECT id FROM articles WHERE id = ${view.articleId}::uuid AND revision = ${view.revision}
        AND deleted_at IS NULL FOR SHARE
    ), annotation AS (
      INSERT INTO annotations (id, project_id, article_id, author_id, start, "end", exact, prefix, suffix, note,
        revision, created_at, updated_at)
      SELECT ${view.id}::uuid, ${projectId}::uuid, article.id, ${actor.userId}::uuid, ${view.start}, ${view.end},
        ${view.exact}, ${view.prefix},
             ${view.suffix}, ${view.note}, ${view.revision}, ${view.createdAt}::timestamptz,
               ${view.updatedAt}::timestamptz
      FROM article RETURNING id
    ), tagged AS (
      INSERT INTO annotation_tags (annotation_id, tag_id) SELECT annotation.id, tag.id
        FROM annotation, unnest(${view.tags.map((tag) => tag.id)}::uuid[]) AS tag(id)
    )
    ${auditInsertSql(
      actor,
      {
        projectId,
        action: "annotation.create",
        entityType: "Annotation",
        entityId: view.id,
        // The history tells an annotation accepted from a suggestion by this mark.
        after: fromSuggestion ? { ...auditSnapshot(view), fromSuggestion } : auditSnapshot(view),
      },
      "annotation",
    )}`;
}

/**
 * Changes an annotation's tags, note or span, if it is still at the version
 * the caller expects (428 without one): the version check and the bump are one conditional
 * UPDATE, so of two concurrent writers exactly one wins and the other gets
 * 412 with the current version and who made it.
 */
export async function updateAnnotation(
  actor: Actor,
  annotationId: string,
  version: number | null,
  input: unknown,
): Promise<AnnotationView> {
  const { row: current, access } = await requireAnnotation(actor, annotationId, "annotation.edit-own");
  const expectedVersion = requireExpectedVersion(version);
  const changes = parseInput(updateInput, input);
  return db().$transaction((tx) => applyChanges(tx, actor, access, current, expectedVersion, changes));
}

/** The live annotations `ids` of the article, as views are made from them; 422 naming those that are not. */
export async function readArticleAnnotations(articleId: string, ids: string[]): Promise<AnnotationRow[]> {
  const rows = await db().annotation.findMany({
    where: { id: { in: ids.filter(isUuid) }, articleId, deletedAt: null },
    select: viewSelect,
  });
  const unknown = ids.filter((id) => !rows.some((row) => row.id === id));
  if (unknown.length > 0)
    throw unprocessable(`Not annotations of this article: ${unknown.join(", ")}.`, {
      issues: unknown.map((id) => ({ path: id, message: "unknown annotation" })),
    });
  return rows;
}

/**
 * Changes several annotations of one article at once, all or nothing (an
 * editor's decision, such as adjudication's: approve one version, reject the
 * others). Each names the version it was decided on: if any has moved on,
 * nothing is changed (412). Unknown ids, or ids of other articles: 422.
 */
export async function updateAnnotationsTogether(
  actor: Actor,
  articleId: string,
  updates: { id: string; version: number; changes: unknown }[],
): Promise<AnnotationView[]> {
  const access = await requireArticlePermission(actor, articleId, "annotation.review");
  const parsed = updates.map((update) => ({ ...update, changes: parseInput(updateInput, update.changes) }));
  const rows = await readArticleAnnotations(
    articleId,
    parsed.map((update) => update.id),
  );
  return db().$transaction(async (tx) => {
    const views: AnnotationView[] = [];
    for (const { id, version, changes } of parsed)
      views.push(await applyChanges(tx, actor, access, rows.find((row) => row.id === id)!, version, changes));
    return views;
  });
}

/**
 * Applies checked changes to `current` if it is still at `expectedVersion`
 * (else 412), with its audit entry, in `tx`. A change to an approved
 * annotation's span, tags or note sends it back for review (returnsToReview)
 * unless an editor approves the changed version in the same request.
 */
async function applyChanges(
  tx: DbClient,
  actor: Actor,
  access: ProjectAccess,
  current: AnnotationRow,
  expectedVersion: number,
  changes: z.infer<typeof updateInput>,
): Promise<AnnotationView> {
  const annotationId = current.id;
  const data: Prisma.AnnotationUncheckedUpdateManyInput = { version: { increment: 1 } };
  let revised = false;
  if (changes.note !== undefined) {
    data.note = changes.note;
    revised ||= changes.note !== current.note;
  }
  if (changes.start !== undefined && changes.end !== undefined && changes.exact !== undefined) {
    const span = { start: changes.start, end: changes.end, exact: changes.exact };
    const article = await lockArticleText(tx, current.articleId, "share");
    assertSpanMatches(article.text, span);
    Object.assign(data, span, quoteContext(article.text, span.start, span.end), {
      anchor: "EXACT",
      revision: article.revision,
    });
    revised ||= span.start !== current.start || span.end !== current.end || article.revision !== current.revision;
  }
  const newTags =
    changes.tags === undefined ? undefined : resolveTags(await readCodebook(tx, access.projectId), changes.tags);
  if (newTags !== undefined) {
    const before = new Set(current.tags.map(({ tag }) => tag.id));
    revised ||= newTags.length !== before.size || newTags.some((tag) => !before.has(tag.id));
  }
  if (changes.reviewUrl !== undefined) {
    // Where the review is published is the publisher's call, as approving it is; it leaves the claim as it is.
    if (!roleAllows(access.role, "annotation.review")) throw forbidden("Only an editor sets a claim's review URL.");
    data.reviewUrl = changes.reviewUrl;
  }
  if (changes.status !== undefined)
    Object.assign(data, reviewChange(actor, access, current, changes.status, changes.reviewNote));
  else if (revised && current.status === "APPROVED") Object.assign(data, returnsToReview);
  // Tags that break the codebook's rules are never stored, and an annotation that breaks them (a rule turned on
  // later) is not submitted or approved until fixed; other changes to it (a note, a rejection) go through.
  const status = (data.status as AnnotationStatus | undefined) ?? current.status;
  if (newTags !== undefined || changes.status === "SUBMITTED" || changes.status === "APPROVED")
    assertKeepsRules(newTags ?? current.tags.map(({ tag }) => tag), await readGroupRules(tx, access.projectId), status);
  await claimVersion(tx, annotationId, expectedVersion, data);
  if (newTags !== undefined) {
    await tx.annotationTag.deleteMany({ where: { annotationId } });
    await tx.annotationTag.createMany({ data: newTags.map((tag) => ({ annotationId, tagId: tag.id })) });
  }
  const after = toView(await tx.annotation.findUniqueOrThrow({ where: { id: annotationId }, select: viewSelect }));
  await recordAudit(tx, actor, {
    projectId: access.projectId,
    action: "annotation.update",
    entityType: "Annotation",
    entityId: annotationId,
    before: auditSnapshot(toView(current)),
    after: auditSnapshot(after),
  });
  if ((changes.status === "APPROVED" || changes.status === "REJECTED") && changes.status !== current.status)
    await notifyReviewed(tx, actor, current, changes.status, after.reviewNote);
  if (changes.note !== undefined && changes.note !== current.note)
    await notifyNewMentions(tx, actor, { annotationId, text: after.note });
  return after;
}

/** Deletes an annotation softly (it stays in the audit history), if it is still at the version the caller expects. */
export async function deleteAnnotation(actor: Actor, annotationId: string, version: number | null): Promise<void> {
  const { row: current, access } = await requireAnnotation(actor, annotationId, "annotation.edit-own");
  const expectedVersion = requireExpectedVersion(version);
  // Deleting a published claim withdraws an editor's decision: only an editor may. (The version check below makes sure
  // it is still the status read here.)
  if (current.status === "APPROVED" && !roleAllows(access.role, "annotation.review")) {
    throw forbidden(
      "An editor approved this annotation; only an editor may delete it. Edit it instead: a change sends it back for " +
        "review.",
    );
  }
  await db().$transaction(async (tx) => {
    await claimVersion(tx, annotationId, expectedVersion, { version: { increment: 1 }, deletedAt: new Date() });
    await recordAudit(tx, actor, {
      projectId: access.projectId,
      action: "annotation.delete",
      entityType: "Annotation",
      entityId: annotationId,
      before: auditSnapshot(toView(current)),
    });
  });
}

/** An approved annotation that someone changed waits for an editor again: its approval is cleared. */
const returnsToReview = {
  status: "SUBMITTED",
  reviewNote: null,
  reviewedById: null,
  reviewedAt: null,
} as const satisfies Prisma.AnnotationUncheckedUpdateManyInput;

/**
 * A status change and who may make it: an editor approves or rejects (with
 * a reason) and may move any annotation anywhere; its author moves it between
 * DRAFT and SUBMITTED, and submits it again after a review, but never undoes
 * an editor's decision by moving it back to DRAFT.
 */
function reviewChange(
  actor: Actor,
  access: ProjectAccess,
  current: Pick<AnnotationRow, "authorId" | "status">,
  status: AnnotationStatus,
  reviewNote: string | null | undefined,
) {
  const isEditor = roleAllows(access.role, "annotation.review");
  if (status === "APPROVED" || status === "REJECTED") {
    if (!isEditor) throw forbidden("Only an editor may approve or reject annotations.");
    return { status, reviewNote: reviewNote ?? null, reviewedById: actor.userId, reviewedAt: new Date() };
  }
  if (!isEditor) {
    if (current.authorId !== actor.userId) throw forbidden("Only its author submits an annotation for review.");
    if (status === "DRAFT" && (current.status === "APPROVED" || current.status === "REJECTED")) {
      throw forbidden(
        `An editor has ${current.status === "APPROVED" ? "approved" : "rejected"} this annotation; only an editor ` +
          `moves it back to draft. Submit it again for review instead.`,
      );
    }
  }
  return { status, reviewNote: null, reviewedById: null, reviewedAt: null };
}

/**
 * Sends an approved annotation back for review (SUBMITTED, its approval
 * cleared, its version bumped, audited as `annotation.reopen` with `cause`)
 * after someone who may not review changed what it claims another way: a
 * link of it to an event made, changed or removed. An editor's change keeps
 * the approval; an annotation that is not approved is left as it is.
 */
export async function reopenApprovedAnnotation(
  tx: DbClient,
  actor: Actor,
  access: ProjectAccess,
  annotationId: string,
  cause: string,
): Promise<void> {
  if (roleAllows(access.role, "annotation.review")) return;
  const reopened = await tx.annotation.updateManyAndReturn({
    where: { id: annotationId, status: "APPROVED", deletedAt: null },
    data: { ...returnsToReview, version: { increment: 1 } },
    select: { exact: true },
  });
  if (reopened.length === 0) return;
  const { exact } = reopened[0]!;
  await recordAudit(tx, actor, {
    projectId: access.projectId,
    action: "annotation.reopen",
    entityType: "Annotation",
    entityId: annotationId,
    before: { exact, status: "APPROVED" },
    after: { exact, status: "SUBMITTED", cause },
  });
}

/**
 * Applies `data` only if the annotation is live and at `expectedVersion`
 * (`UPDATE … WHERE id = $1 AND version = $2`, never read-then-write);
 * otherwise 412 saying who changed it last, or 404 if it was deleted.
 */
export async function claimVersion(
  tx: DbClient,
  annotationId: string,
  expectedVersion: number,
  data: Prisma.AnnotationUncheckedUpdateManyInput,
) {
  const { count } = await tx.annotation.updateMany({
    where: { id: annotationId, version: expectedVersion, deletedAt: null },
    data,
  });
  if (count === 1) return;
  const now = await tx.annotation.findFirst({
    where: { id: annotationId, deletedAt: null },
    select: { version: true, updatedAt: true },
  });
  if (!now) throw notFound("Annotation");
  const lastChange = await tx.auditEntry.findFirst({
    where: { entityType: "Annotation", entityId: annotationId },
    orderBy: { id: "desc" },
    select: { actor: { select: { id: true, name: true } } },
  });
  const updatedBy = lastChange?.actor ?? null;
  throw new AppError(
    "precondition_failed",
    `The annotation was changed${updatedBy ? ` by ${updatedBy.name}` : ""} since version ${expectedVersion}: it is ` +
      `at version ${now.version}. Reload it and apply your change again.`,
    { annotationId, currentVersion: now.version, updatedBy, updatedAt: now.updatedAt.toISOString() },
  );
}

/** 422 naming the drafts that break the codebook's rules, and how, if any does: then none is submitted. */
function assertDraftsKeepRules(
  drafts: { id: string; exact: string; tags: { tag: CodebookTag }[] }[],
  groups: GroupRules[],
) {
  const broken = drafts.flatMap(({ id, exact, tags }) => {
    const clashes = choiceClashes(tags.map(({ tag }) => tag));
    const missing = missingRequiredGroups(
      tags.map(({ tag }) => tag),
      groups,
    );
    const problems = [
      ...(clashes.length ? [describeClashes(clashes)] : []),
      ...(missing.length ? [`it needs ${describeMissing(missing)}`] : []),
    ];
    return problems.length ? [{ id, exact, problem: problems.join("; ") }] : [];
  });
  if (broken.length === 0) return;
  throw unprocessable(
    `No draft was submitted: ${broken.length} break${broken.length === 1 ? "s" : ""} the codebook's rules. ` +
      broken.map(({ exact, problem }) => `“${exact.slice(0, 60)}”: ${problem}`).join(". ") +
      ".",
    { rule: "codebook", annotations: broken },
  );
}

/**
 * Submits all of the caller's draft annotations on the article for review at once; how many. None is if any breaks the
 * codebook's rules (422 naming them).
 */
export async function submitOwnDrafts(actor: Actor, articleId: string): Promise<{ submitted: number }> {
  const { projectId } = await requireArticlePermission(actor, articleId, "annotation.create");
  return db().$transaction(async (tx) => {
    const drafts = await tx.annotation.findMany({
      where: { articleId, authorId: actor.userId, status: "DRAFT", deletedAt: null },
      select: { id: true, exact: true, tags: { select: { tag: { select: codebookTagSelect } } } },
    });
    assertDraftsKeepRules(drafts, await readGroupRules(tx, projectId));
    await tx.annotation.updateMany({
      where: { id: { in: drafts.map((draft) => draft.id) } },
      data: { status: "SUBMITTED", version: { increment: 1 } },
    });
    await recordAudits(
      tx,
      actor,
      drafts.map(({ id }) => ({
        projectId,
        action: "annotation.submit",
        entityType: "Annotation",
        entityId: id,
        before: { status: "DRAFT" },
        after: { status: "SUBMITTED" },
      })),
    );
    return { submitted: drafts.length };
  });
}
