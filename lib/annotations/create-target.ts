import "server-only";
import type { Actor } from "@/lib/actor";
import { rawQuery } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { type AccessRow, articleAccessSql, decideArticleAccess } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";
import type { CodebookEntry } from "./index";
import { codebookTagJsonSql } from "./shape";

/** At most this many characters of article text are kept in memory (about twice as many bytes). */
const CACHED_TEXT_CHARS = 8_000_000;

/**
 * Article texts at a revision, the most recently used kept: creating an
 * annotation checks its span against the text, and reading a text of up to a
 * megabyte from PostgreSQL for each of a coder's annotations cost more than
 * the rest of the read. The read asks for the text only when the revision it
 * has here is not the article's.
 */
class ArticleTexts {
  private readonly byId = new Map<string, { revision: number; text: string }>();
  private chars = 0;

  get(articleId: string) {
    const entry = this.byId.get(articleId);
    if (entry) {
      // Map keeps insertion order: the entry moves to the end, last to go.
      this.byId.delete(articleId);
      this.byId.set(articleId, entry);
    }
    return entry;
  }

  set(articleId: string, revision: number, text: string): void {
    this.forget(articleId);
    if (text.length > CACHED_TEXT_CHARS) return;
    for (const [id] of this.byId) {
      if (this.chars + text.length <= CACHED_TEXT_CHARS) break;
      this.forget(id);
    }
    this.byId.set(articleId, { revision, text });
    this.chars += text.length;
  }

  private forget(articleId: string): void {
    const entry = this.byId.get(articleId);
    if (!entry) return;
    this.byId.delete(articleId);
    this.chars -= entry.text.length;
  }
}

const articleTexts = new ArticleTexts();

/**
 * What creating an annotation needs, in one query: the caller's access
 * (annotation.create), the article's text and revision, and the codebook.
 */
export async function readCreateTarget(actor: Actor, articleId: string) {
  if (!isUuid(articleId)) throw notFound("Article");
  const known = articleTexts.get(articleId);
  const {
    rows: [found],
  } = await rawQuery<AccessRow & { text: string | null; revision: number; codebook: CodebookEntry[] }>(Prisma.sql`
    WITH acc AS (${articleAccessSql(actor, articleId)})
    SELECT acc.*, ar.revision,
      CASE WHEN ar.revision = ${known?.revision ?? 0}::int AND ar.text_length = ${known?.text.length ?? -1}::int
        THEN NULL ELSE ar.text END AS text,
      coalesce((
        SELECT json_agg(${codebookTagJsonSql})
        FROM tags t JOIN tag_groups g ON g.id = t.group_id WHERE t.project_id = acc."projectId"), '[]') AS codebook
    FROM acc JOIN articles ar ON ar.id = ${articleId}::uuid`);
  const { projectId } = decideArticleAccess(actor, found, "annotation.create");
  const { revision, codebook } = found!;
  const text = found!.text ?? known!.text;
  if (found!.text !== null) articleTexts.set(articleId, revision, text);
  return { projectId, revision, codebook, text };
}
