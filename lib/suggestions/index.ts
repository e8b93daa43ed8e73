import "server-only";
import type { Actor } from "@/lib/actor";
import { type AnnotationTagView, codebookTagSelect, toTagViews } from "@/lib/annotations/shape";
import { db } from "@/lib/db";
import { requireArticlePermission, visibleAnnotationsSql } from "@/lib/permissions";
import { runInWorker } from "@/lib/workers/pool";
import { withoutRejected } from "./decided";
import { learnedPhrases } from "./learned-phrases";

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

/**
 * What the project suggests for the article to a coder (reviewer or editor):
 * the passages it has tagged, where they occur here, and sentences likely to
 * hold a claim. Derived only from the annotations the caller sees, so a
 * reviewer coding blind gets nothing learned from another reviewer's work;
 * rejected annotations teach nothing. A phrase comes with the tags that at
 * least half of its annotations carry (lib/suggestions/learned-phrases.ts).
 * The search runs on a worker thread.
 */
export async function listSuggestions(actor: Actor, articleId: string): Promise<{ items: SuggestionView[] }> {
  const access = await requireArticlePermission(actor, articleId, "annotation.create");
  const visible = visibleAnnotationsSql(actor, access);
  const [article, learned, annotated, codebook] = await Promise.all([
    db().article.findUniqueOrThrow({ where: { id: articleId }, select: { text: true } }),
    learnedPhrases(actor, access),
    db().$queryRaw<{ start: number; end: number }[]>`
      SELECT a.start, a."end" FROM annotations a WHERE a.article_id = ${articleId}::uuid AND ${visible}`,
    db().tag.findMany({ where: { projectId: access.projectId, archivedAt: null }, select: codebookTagSelect }),
  ]);
  const tagById = new Map(codebook.map((tag) => [tag.id, tag]));
  const found = await runInWorker("suggest", {
    text: article.text,
    ...learned,
    // Archived tags are not proposed.
    liveTagIds: [...tagById.keys()],
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
