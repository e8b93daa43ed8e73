import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { recordAudit, recordAudits } from "@/lib/audit";
import { db, type DbClient } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { afterCursor, type Page, pageQuery, toPage } from "@/lib/pagination";
import { requireArticlePermission, requireProjectPermission, visibleAnnotationsWhere } from "@/lib/permissions";
import { importTransaction } from "@/lib/imports/slots";
import { findOrCreateSource, type OutletSite } from "@/lib/sources";
import { v7 as uuidv7 } from "uuid";
import { type ReanchorCounts, reanchorArticle } from "@/lib/articles/reanchor-annotations";
import { resolveHtmlInput } from "@/lib/articles/html-article";
import { assertUrlNotInProject, assertUrlsDistinct } from "@/lib/articles/duplicates";
import { headlineOf } from "@/lib/articles/headline";
import { TASK_BUDGETS } from "@/lib/workers/pool";
import { articleText } from "@/lib/articles/text";
import {
  formatDate,
  label,
  likeLiteral,
  optionalDate,
  optionalText,
  optionalWebUrl,
  parseInput,
  queryText,
} from "@/lib/validation";

const metadataFields = {
  title: label(500),
  sourceName: optionalText(200),
  url: optionalWebUrl,
  author: optionalText(300),
  publishedAt: optionalDate,
};

/** An article as the API takes it (and a project file's articles: lib/imports). */
export const articleFields = { ...metadataFields, text: articleText };
/** An article as the API takes it, once a page given as `html` (or fetched from its URL) is extracted. */
export const importArticleInput = z.strictObject(articleFields);

/** `q`: words of the title or the author's name; `source`: the outlet's name, in any case. */
const listArticlesQuery = pageQuery.extend({ q: queryText(300).optional(), source: queryText(200).optional() });

/**
 * Metadata and text edits. A new text makes a new revision and re-anchors the
 * annotations; `baseRevision`, when given, is the revision the editor started
 * from (412 if somebody else's edit came first).
 */
const updateArticleInput = z
  .strictObject({
    ...metadataFields,
    title: metadataFields.title.optional(),
    text: articleText.optional(),
    baseRevision: z.int().min(1).optional(),
  })
  .refine(
    ({ baseRevision: _base, ...changes }) => Object.values(changes).some((value) => value !== undefined),
    "nothing to change",
  );

export interface ArticleSummary {
  id: string;
  projectId: string;
  title: string;
  source: { id: string; name: string } | null;
  author: string | null;
  publishedAt: string | null;
  url: string | null;
  /** In UTF-16 code units, the unit annotation offsets count in. */
  textLength: number;
  revision: number;
  annotationCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ArticleDetail extends ArticleSummary {
  text: string;
}

/** An article's metadata, with its annotations counted as far as the caller may see them. */
function summarySelect(visibleAnnotations: Prisma.AnnotationWhereInput) {
  return {
    id: true,
    projectId: true,
    title: true,
    author: true,
    publishedAt: true,
    url: true,
    textLength: true,
    revision: true,
    createdAt: true,
    updatedAt: true,
    source: { select: { id: true, name: true } },
    _count: { select: { annotations: { where: visibleAnnotations } } },
  } as const satisfies Prisma.ArticleSelect;
}

/** For an editor's changes (only editors write articles, and they see every annotation) and their audit entries. */
const editorSummarySelect = summarySelect({ deletedAt: null });

type SummaryRow = Prisma.ArticleGetPayload<{ select: ReturnType<typeof summarySelect> }>;

function toSummary(row: SummaryRow): ArticleSummary {
  return {
    id: row.id,
    projectId: row.projectId,
    title: row.title,
    source: row.source,
    author: row.author,
    publishedAt: formatDate(row.publishedAt),
    url: row.url,
    textLength: row.textLength,
    revision: row.revision,
    annotationCount: row._count.annotations,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toDetail(row: SummaryRow & { text: string }): ArticleDetail {
  return { ...toSummary(row), text: row.text };
}

/** What the audit log keeps of an article: its metadata, not its (possibly huge) text. */
function auditSnapshot(article: ArticleDetail) {
  const { text: _text, annotationCount: _count, ...metadata } = article;
  return metadata;
}

/**
 * The text annotations point into, read with a row lock inside a transaction:
 * "share" for annotation writes (they check their span against this text),
 * "update" for text edits, so that no annotation is checked against a text
 * that is being replaced.
 */
export async function lockArticleText(tx: DbClient, articleId: string, mode: "share" | "update") {
  const rows =
    mode === "update"
      ? await tx.$queryRaw<{ text: string; revision: number }[]>`
          SELECT text, revision FROM articles WHERE id = ${articleId}::uuid AND deleted_at IS NULL FOR UPDATE`
      : await tx.$queryRaw<{ text: string; revision: number }[]>`
          SELECT text, revision FROM articles WHERE id = ${articleId}::uuid AND deleted_at IS NULL FOR SHARE`;
  const article = rows[0];
  if (!article) throw notFound("Article");
  return article;
}

/** The project's articles, oldest first, without their texts; `q` and `source` filter them. */
export async function listArticles(actor: Actor, projectId: string, query: unknown): Promise<Page<ArticleSummary>> {
  const access = await requireProjectPermission(actor, projectId, "article.read");
  const { limit, cursor, q, source } = parseInput(listArticlesQuery, query);
  const words = q?.trim() ? likeLiteral(q.trim()) : undefined;
  const outlet = source?.trim() ? likeLiteral(source.trim()) : undefined;
  const rows = await db().article.findMany({
    where: {
      projectId,
      deletedAt: null,
      ...afterCursor(cursor),
      ...(words
        ? {
            OR: [
              { title: { contains: words, mode: "insensitive" } },
              { author: { contains: words, mode: "insensitive" } },
            ],
          }
        : {}),
      ...(outlet ? { source: { name: { equals: outlet, mode: "insensitive" } } } : {}),
    },
    orderBy: { id: "asc" },
    take: limit + 1,
    select: summarySelect(visibleAnnotationsWhere(actor, access)),
  });
  return toPage(rows, limit, toSummary);
}

/**
 * The project's live articles as a filter offers them: id and title, by
 * title, at most `limit` (no counts: a project's whole list stays cheap).
 */
export async function listArticleTitles(
  actor: Actor,
  projectId: string,
  limit = 1_000,
): Promise<{ id: string; title: string }[]> {
  await requireProjectPermission(actor, projectId, "article.read");
  return db().article.findMany({
    where: { projectId, deletedAt: null },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, title: true },
  });
}

export async function getArticle(actor: Actor, articleId: string): Promise<ArticleDetail> {
  const access = await requireArticlePermission(actor, articleId, "article.read");
  const select = { ...summarySelect(visibleAnnotationsWhere(actor, access)), text: true };
  const row = await db().article.findUniqueOrThrow({ where: { id: articleId }, select });
  return toDetail(row);
}

/** What finds an import's outlet besides the validated fields (lib/sources findOrCreateSource). */
interface OutletHint {
  /** The caller named the outlet: that name decides. Otherwise the page's name, the article's site, or none. */
  namedByCaller: boolean;
  statedHomepage: string | null;
}

const namesOutlet = (raw: unknown) =>
  typeof raw === "object" && raw !== null && "sourceName" in raw && typeof raw.sourceName === "string"
    ? raw.sourceName.trim() !== ""
    : false;

/** An article sent with a text and no title is titled by its first line when that reads as a headline. */
function withHeadlineTitle(input: unknown): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input) || "title" in input) return input;
  const headline = "text" in input && typeof input.text === "string" ? headlineOf(input.text) : null;
  return headline === null ? input : { ...input, title: headline };
}

/** An import's fields as validation takes them (HTML extracted, a headline made the title), and its outlet hint. */
async function resolveImportInput(raw: unknown): Promise<{ input: unknown; hint: OutletHint }> {
  const { input, statedHomepage } = await resolveHtmlInput(raw);
  return { input: withHeadlineTitle(input), hint: { namedByCaller: namesOutlet(raw), statedHomepage } };
}

function outletSite(article: ArticleImport, hint: OutletHint | undefined): OutletSite | undefined {
  return hint && !hint.namedByCaller ? { articleUrl: article.url ?? null, homepage: hint.statedHomepage } : undefined;
}

/**
 * Imports an article: its text is canonicalised (NFC, `\n` line breaks) and
 * stored as revision 1; the source is found or created (findOrCreateSource).
 * A URL the project already has is a 409 naming that article.
 */
export async function importArticle(
  actor: Actor,
  projectId: string,
  input: unknown,
  options: { id?: string } = {},
): Promise<ArticleDetail> {
  await requireProjectPermission(actor, projectId, "article.create");
  return storeImportedArticle(actor, projectId, input, options);
}

/**
 * What importArticle does once the caller may import: the HTML extracted, the fields validated, the URL checked
 * against the project's and the article stored with its outlet. A fetched page (lib/articles/url-import.ts) comes
 * in here too.
 */
export async function storeImportedArticle(
  actor: Actor,
  projectId: string,
  input: unknown,
  options: { id?: string } = {},
): Promise<ArticleDetail> {
  const { input: resolved, hint } = await resolveImportInput(input);
  const article = parseInput(importArticleInput, resolved);
  return db().$transaction(async (tx) => {
    await assertUrlNotInProject(projectId, article.url, tx);
    return insertArticle(tx, actor, projectId, { ...article, outletSite: outletSite(article, hint) }, options.id);
  });
}

/** At most this many articles in one bulk import (and one transaction). */
export const MAX_BULK_ARTICLES = 200;
const bulkImportInput = z.array(importArticleInput).min(1, "send at least one article").max(MAX_BULK_ARTICLES);

/** Imports several articles at once: all of them, or (one invalid or already in the project: 4xx naming it) none. */
export async function importArticles(actor: Actor, projectId: string, input: unknown): Promise<ArticleDetail[]> {
  await requireProjectPermission(actor, projectId, "article.create");
  const resolved = Array.isArray(input) ? await resolveEachImportInput(input) : [];
  const articles = parseInput(bulkImportInput, Array.isArray(input) ? resolved.map((item) => item.input) : input);
  assertUrlsDistinct(articles.map((article) => article.url));
  return importTransaction(async (tx) => {
    // In one order, so that two imports of overlapping URLs wait for each other rather than deadlock.
    const urls = articles.flatMap((article) => (article.url ? [article.url] : [])).sort();
    for (const url of urls) await assertUrlNotInProject(projectId, url, tx);
    return insertArticles(
      tx,
      actor,
      projectId,
      articles.map((article, index) => ({ ...article, outletSite: outletSite(article, resolved[index]?.hint) })),
    );
  });
}

/** One page after the other: a bulk import takes one worker, not all of them. */
async function resolveEachImportInput(inputs: unknown[]): Promise<{ input: unknown; hint?: OutletHint }[]> {
  // More than the limit is refused by validation before any extraction.
  if (inputs.length > MAX_BULK_ARTICLES) return inputs.map((input) => ({ input }));
  const resolved: { input: unknown; hint?: OutletHint }[] = [];
  for (const input of inputs) resolved.push(await resolveImportInput(input));
  return resolved;
}

export type ArticleImport = z.output<typeof importArticleInput>;

/** A validated article to store, with its id when it has one, and what else finds its outlet. */
type ArticleToInsert = ArticleImport & { id?: string; outletSite?: OutletSite };

/** Stores a validated article as revision 1 (inside the caller's transaction). */
async function insertArticle(
  tx: DbClient,
  actor: Actor,
  projectId: string,
  input: ArticleToInsert,
  id?: string,
): Promise<ArticleDetail> {
  const [article] = await insertArticles(tx, actor, projectId, [{ ...input, id }]);
  return article!;
}

/**
 * Stores validated articles as revision 1, each with its outlet found or made (findOrCreateSource), in a few
 * statements whatever their number (a project import may hold thousands), inside the caller's transaction.
 */
export async function insertArticles(
  tx: DbClient,
  actor: Actor,
  projectId: string,
  inputs: ArticleToInsert[],
): Promise<ArticleDetail[]> {
  const sourceIds = new Map<string, string | null>();
  const outletKey = ({ sourceName, outletSite }: ArticleToInsert) => JSON.stringify([sourceName ?? null, outletSite]);
  for (const input of inputs) {
    if ((input.sourceName || input.outletSite) && !sourceIds.has(outletKey(input)))
      sourceIds.set(
        outletKey(input),
        await findOrCreateSource(tx, actor, projectId, input.sourceName ?? null, input.outletSite),
      );
  }
  const rows = inputs.map((input) => ({
    id: input.id ?? uuidv7(),
    projectId,
    sourceId: sourceIds.get(outletKey(input)) ?? null,
    title: input.title,
    text: input.text,
    textLength: input.text.length,
    url: input.url ?? null,
    author: input.author ?? null,
    publishedAt: input.publishedAt ?? null,
    createdById: actor.userId,
  }));
  await tx.article.createMany({ data: rows });
  await tx.articleRevision.createMany({
    data: rows.map((row) => ({ articleId: row.id, number: 1, text: row.text, createdById: actor.userId })),
  });
  const stored = await tx.article.findMany({
    where: { id: { in: rows.map((row) => row.id) } },
    select: { ...editorSummarySelect, text: true },
  });
  const byId = new Map(stored.map((row) => [row.id, toDetail(row)]));
  const articles = rows.map((row) => byId.get(row.id)!);
  await recordAudits(
    tx,
    actor,
    articles.map((article) => ({
      projectId,
      action: "article.create",
      entityType: "Article",
      entityId: article.id,
      after: auditSnapshot(article),
    })),
  );
  return articles;
}

export interface UpdatedArticle extends ArticleDetail {
  /** How the annotations were found in the new text (only when the text was sent). */
  reanchor?: ReanchorCounts;
}

/** An edit's transaction outlasts the re-anchoring's time limit on its worker (TASK_BUDGETS.reanchor). */
const EDIT_TIMEOUT_MS = TASK_BUDGETS.reanchor.timeoutMs + 10_000;

/**
 * Edits an article's metadata (title, source, URL, author, published date)
 * and its text. A changed text is stored as a new revision, and every
 * annotation is re-anchored in the same transaction.
 */
export async function updateArticle(actor: Actor, articleId: string, input: unknown): Promise<UpdatedArticle> {
  const { projectId } = await requireArticlePermission(actor, articleId, "article.update");
  const changes = parseInput(updateArticleInput, input);
  return db().$transaction(
    async (tx) => {
      const locked = await lockArticleText(tx, articleId, "update");
      if (changes.baseRevision !== undefined && changes.baseRevision !== locked.revision) {
        throw new AppError(
          "precondition_failed",
          `The text was edited since revision ${changes.baseRevision}: it is at revision ${locked.revision}. Reload ` +
            `it and apply your edit again.`,
          { currentRevision: locked.revision },
        );
      }
      const before = toDetail(
        await tx.article.findUniqueOrThrow({
          where: { id: articleId },
          select: { ...editorSummarySelect, text: true },
        }),
      );
      const data: Prisma.ArticleUncheckedUpdateInput = {};
      let reanchor: ReanchorCounts | undefined;
      if (changes.text !== undefined) {
        const revision = changes.text === locked.text ? locked.revision : locked.revision + 1;
        if (revision !== locked.revision) {
          Object.assign(data, { text: changes.text, textLength: changes.text.length, revision });
          await tx.articleRevision.create({
            data: { articleId, number: revision, text: changes.text, createdById: actor.userId },
          });
        }
        reanchor = await reanchorArticle(tx, actor, {
          projectId,
          articleId,
          oldText: locked.text,
          newText: changes.text,
          revision,
        });
      }
      if (changes.title !== undefined) data.title = changes.title;
      if (changes.url !== undefined) data.url = changes.url;
      if (changes.author !== undefined) data.author = changes.author;
      if (changes.publishedAt !== undefined) data.publishedAt = changes.publishedAt;
      if (changes.sourceName !== undefined)
        data.sourceId = await findOrCreateSource(tx, actor, projectId, changes.sourceName);
      const after = toDetail(
        await tx.article.update({ where: { id: articleId }, data, select: { ...editorSummarySelect, text: true } }),
      );
      await recordAudit(tx, actor, {
        projectId,
        action: "article.update",
        entityType: "Article",
        entityId: articleId,
        before: auditSnapshot(before),
        after: { ...auditSnapshot(after), ...(reanchor ? { reanchor } : {}) },
      });
      return reanchor ? { ...after, reanchor } : after;
    },
    { timeout: EDIT_TIMEOUT_MS },
  );
}

/** Deletes an article softly: it disappears from the project, its annotations are kept. */
export async function deleteArticle(actor: Actor, articleId: string): Promise<void> {
  const { projectId } = await requireArticlePermission(actor, articleId, "article.delete");
  await db().$transaction(async (tx) => {
    const { count } = await tx.article.updateMany({
      where: { id: articleId, deletedAt: null },
      data: { deletedAt: new Date() },
    });
    if (count === 0) throw notFound("Article"); // deleted concurrently
    await recordAudit(tx, actor, { projectId, action: "article.delete", entityType: "Article", entityId: articleId });
  });
}
