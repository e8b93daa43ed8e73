import "server-only";
import type { Actor } from "@/lib/actor";
import { type AnnotationTagView, codebookTagSelect, toTagViews } from "@/lib/annotations/shape";
import { db } from "@/lib/db";
import { requireArticlePermission, visibleAnnotationsSql } from "@/lib/permissions";
import { runInWorker } from "@/lib/workers/pool";
import { withoutRejected } from "./decided";
import type { TaggedPhrase } from "./phrases";

/** A passage proposed for annotation: a phrase the project tagged elsewhere (with its tags), or a likely claim. */
export interface SuggestionView {
  kind: "phrase" | "claim";
  start: number;
  end: number;
  exact: string;
  tags: AnnotationTagView[];
  /** 0–1: how confident the suggester is. */
  score: number;
  /** Why it is proposed, in words: "tagged 3 times elsewhere in the project"; "states a figure: about 60 injured". */
  reason: string;
}

/** The phrases looked for: those of at most this many characters, the most tagged first, at most this many. */
const MAX_PHRASE_LENGTH = 100;
const MAX_PHRASES = 20_000;
/** The project's newest annotations teach the phrases, at most this many: a call's cost stays bounded at any size. */
const MAX_LEARNED = 50_000;

/**
 * What the project suggests for the article to a coder (reviewer or editor):
 * the passages it has tagged, where they occur here, and sentences likely to
 * hold a claim. Derived only from the annotations the caller sees, so a
 * reviewer coding blind gets nothing learned from another reviewer's work;
 * rejected annotations teach nothing. A phrase comes with the tags that at
 * least half of its annotations carry. The search runs on a worker thread.
 */
export async function listSuggestions(actor: Actor, articleId: string): Promise<{ items: SuggestionView[] }> {
  const access = await requireArticlePermission(actor, articleId, "annotation.create");
  const visible = visibleAnnotationsSql(actor, access);
  const [article, phrases, annotated, codebook] = await Promise.all([
    db().article.findUniqueOrThrow({ where: { id: articleId }, select: { text: true } }),
    db().$queryRaw<TaggedPhrase[]>`
      WITH learned AS (
        SELECT a.id, a.exact FROM annotations a
        WHERE ${visible} AND a.status <> 'REJECTED' AND char_length(a.exact) <= ${MAX_PHRASE_LENGTH}
        ORDER BY a.id DESC LIMIT ${MAX_LEARNED}
      ), uses AS (
        SELECT lower(a.exact) AS phrase, a.id, at.tag_id
        FROM learned a JOIN annotation_tags at ON at.annotation_id = a.id
      ), phrases AS (
        SELECT phrase, count(DISTINCT id)::int AS uses FROM uses GROUP BY phrase
      )
      SELECT p.phrase, p.uses, array_agg(t.tag_id ORDER BY t.tag_id) AS "tagIds"
      FROM phrases p
      JOIN (SELECT phrase, tag_id, count(*) AS n FROM uses GROUP BY phrase, tag_id) t ON t.phrase = p.phrase
      WHERE t.n * 2 >= p.uses
      GROUP BY p.phrase, p.uses
      ORDER BY p.uses DESC, p.phrase
      LIMIT ${MAX_PHRASES}`,
    db().$queryRaw<{ start: number; end: number }[]>`
      SELECT a.start, a."end" FROM annotations a WHERE a.article_id = ${articleId}::uuid AND ${visible}`,
    db().tag.findMany({ where: { projectId: access.projectId, archivedAt: null }, select: codebookTagSelect }),
  ]);
  const tagById = new Map(codebook.map((tag) => [tag.id, tag]));
  const found = await runInWorker("suggest", {
    text: article.text,
    // Archived tags are not proposed.
    phrases: phrases
      .map((phrase) => ({ ...phrase, tagIds: phrase.tagIds.filter((id) => tagById.has(id)) }))
      .filter((phrase) => phrase.tagIds.length > 0),
    annotated: annotated.map(({ start, end }) => [start, end]),
  });
  const items = found.map(({ kind, start, end, tagIds, score, reason }) => ({
    kind,
    start,
    end,
    exact: article.text.slice(start, end),
    tags: toTagViews(tagIds.map((id) => tagById.get(id)!)),
    score,
    reason,
  }));
  return { items: await withoutRejected(access.projectId, articleId, items) };
}
