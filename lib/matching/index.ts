import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { requireVisibleAnnotation } from "@/lib/annotations";
import { db } from "@/lib/db";
import { anyWordQuery } from "./any-word-query";
import { notRejectedSql, visibleAnnotationsSql } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { runInWorker } from "@/lib/workers/pool";

/** How many matches an answer holds unless `?limit=` asks for another number (1–MAX_MATCHES). */
const DEFAULT_MATCHES = 10;
export const MAX_MATCHES = 20;
/**
 * The articles whose sentences are ranked: the ones PostgreSQL's full text search (ts_rank over the stemmed words,
 * GIN) ranks first. Not ts_rank_cd: its cover density walks every position of every matching article, some 30 times
 * the cost at 1,000 articles of 50,000 characters; the sentences' BM25 ranks finely after. Eight articles of 50,000
 * characters take some tens of milliseconds to rank sentence by sentence.
 */
const CANDIDATE_ARTICLES = 8;
/** The claims ranked with the passages: the ones full text search ranks first. */
const CANDIDATE_CLAIMS = 50;

const matchesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_MATCHES).default(DEFAULT_MATCHES),
});

export interface MatchView {
  kind: "claim" | "passage";
  article: { id: string; title: string; source: string | null };
  /** The matching claim (kind "claim"); null for a passage of the article's text. */
  annotationId: string | null;
  start: number;
  end: number;
  exact: string;
  /** BM25 score: higher is closer; comparable within one answer only. */
  score: number;
  /** The claim's event (its first link to a live event), null for passages and unlinked claims. */
  event: { id: string; title: string } | null;
}

/**
 * The claims and passages of the project's other articles that most likely
 * report what the claim says, best first. Candidates come from full text
 * search in PostgreSQL (articles and claims through their GIN indexes), then
 * one BM25 ranking of the candidate articles' sentences and claims together,
 * on a worker thread (lib/matching/rank.ts). Only claims the caller may see
 * (blind coding) are matched; article text is open to every member.
 */
export async function findMatches(actor: Actor, annotationId: string, query: unknown): Promise<MatchView[]> {
  const { access, annotation: claim } = await requireVisibleAnnotation(actor, annotationId);
  const { limit } = parseInput(matchesQuery, query);
  const sought = anyWordQuery(claim.exact);
  const [articles, claims] = await Promise.all([
    db().$queryRaw<{ id: string; text: string }[]>`
      SELECT ar.id, ar.text FROM articles ar
      WHERE ar.project_id = ${access.projectId}::uuid AND ar.deleted_at IS NULL AND ar.id <> ${claim.articleId}::uuid
        AND ar.search_stems @@ ${sought}
      ORDER BY ts_rank(ar.search_stems, ${sought}) DESC, ar.id
      LIMIT ${CANDIDATE_ARTICLES}`,
    db().$queryRaw<{ id: string; articleId: string; start: number; end: number; exact: string }[]>`
      SELECT a.id, a.article_id AS "articleId", a.start, a."end", a.exact FROM annotations a
      JOIN articles ar ON ar.id = a.article_id AND ar.deleted_at IS NULL
      WHERE ${visibleAnnotationsSql(actor, access)} AND ${notRejectedSql} AND a.anchor <> 'ORPHANED'
        AND a.article_id <> ${claim.articleId}::uuid AND a.search_stems @@ ${sought}
      ORDER BY ts_rank(a.search_stems, ${sought}) DESC, a.id
      LIMIT ${CANDIDATE_CLAIMS}`,
  ]);
  const ranked = await runInWorker("rankMatches", { query: claim.exact, articles, claims, limit });
  if (ranked.length === 0) return [];
  const [described, events] = await Promise.all([
    describeArticles([...new Set(ranked.map((match) => match.articleId))]),
    eventsOfClaims(ranked.flatMap((match) => (match.annotationId ? [match.annotationId] : []))),
  ]);
  return ranked.map(({ kind, articleId, annotationId: matched, start, end, exact, score }) => ({
    kind,
    article: described.get(articleId)!,
    annotationId: matched,
    start,
    end,
    exact,
    score,
    event: (matched && events.get(matched)) || null,
  }));
}

/** Title and outlet of each article, by id. */
async function describeArticles(ids: string[]): Promise<Map<string, MatchView["article"]>> {
  const rows = await db().article.findMany({
    where: { id: { in: ids } },
    select: { id: true, title: true, source: { select: { name: true } } },
  });
  return new Map(rows.map((row) => [row.id, { id: row.id, title: row.title, source: row.source?.name ?? null }]));
}

/** Each claim's first linked live event, by the claim's id. */
async function eventsOfClaims(annotationIds: string[]): Promise<Map<string, { id: string; title: string }>> {
  if (annotationIds.length === 0) return new Map();
  const rows = await db().$queryRaw<{ annotationId: string; id: string; title: string }[]>`
    SELECT DISTINCT ON (l.annotation_id) l.annotation_id AS "annotationId", e.id, e.title
    FROM claim_links l JOIN events e ON e.id = l.event_id AND e.deleted_at IS NULL
    WHERE l.annotation_id = ANY(${annotationIds}::uuid[])
    ORDER BY l.annotation_id, l.created_at, l.id`;
  return new Map(rows.map(({ annotationId, id, title }) => [annotationId, { id, title }]));
}
