import "server-only";
import { db } from "@/lib/db";
import { anyWordQuery } from "./any-word-query";
import { MIN_COVERAGE } from "./rank";
import { runInWorker } from "@/lib/workers/pool";

/** The best passage of an article that may report an event it has no claim linked to. */
export interface PossibleCoverage {
  eventId: string;
  articleId: string;
  start: number;
  end: number;
  exact: string;
  /** The share (0–1) of the words of one of the event's claims, weighted by rarity, that the passage holds. */
  score: number;
}

/** What an event is sought by: its title and place, and the quotes of its claims. */
export interface SoughtEvent {
  id: string;
  words: string[];
}

/**
 * For each omitted (event, article) cell, the sentence of the article that best matches the event (BM25 over the
 * article's sentences, on a worker thread), when it holds at least MIN_COVERAGE of one of its claims' words.
 */
export async function findPossibleCoverage(
  events: SoughtEvent[],
  cells: { eventId: string; articleId: string }[],
): Promise<PossibleCoverage[]> {
  if (cells.length === 0) return [];
  const wordsOf = new Map(events.map((event) => [event.id, event.words.join("\n")]));
  const articleIds = [...new Set(cells.map((cell) => cell.articleId))];
  const texts = await db().article.findMany({
    where: { id: { in: articleIds } },
    select: { id: true, text: true, revision: true },
  });
  const found = await runInWorker("bestCoverage", {
    minCoverage: MIN_COVERAGE,
    articles: texts.map(({ id, text, revision }) => ({
      id,
      version: revision,
      text,
      queries: cells
        .filter((cell) => cell.articleId === id && wordsOf.has(cell.eventId))
        .map((cell) => ({ key: cell.eventId, text: wordsOf.get(cell.eventId)! })),
    })),
  });
  return found.map(({ key, articleId, start, end, exact, coverage }) => ({
    eventId: key,
    articleId,
    start,
    end,
    exact,
    score: coverage,
  }));
}

/** An article's passage that may report an event, as the event's page shows it: with the article and its outlet. */
export interface EventPossibleCoverage extends PossibleCoverage {
  articleTitle: string;
  source: string | null;
}

/**
 * The articles of an event's page to look for possible coverage in: the ones of the outlets that leave the event out
 * that full text search ranks first for the event's words (any of them, English stems), as claim matching picks them.
 */
const EVENT_CANDIDATE_ARTICLES = 8;

/**
 * For an event's page: the passages of the articles of `outletIds` (the outlets that leave the event out) that may
 * report it, best first, leaving out articles whose omission of the event is confirmed.
 */
export async function eventPossibleCoverage(
  projectId: string,
  event: SoughtEvent,
  outletIds: string[],
): Promise<EventPossibleCoverage[]> {
  if (outletIds.length === 0) return [];
  const sought = anyWordQuery(event.words.join("\n"));
  const candidates = await db().$queryRaw<{ id: string; title: string; source: string | null }[]>`
    SELECT ar.id, ar.title, s.name AS source FROM articles ar JOIN sources s ON s.id = ar.source_id
    WHERE ar.project_id = ${projectId}::uuid AND ar.deleted_at IS NULL AND ar.source_id = ANY(${outletIds}::uuid[])
      AND ar.search_stems @@ ${sought}
      AND NOT EXISTS (SELECT 1 FROM confirmed_omissions c WHERE c.event_id = ${event.id}::uuid AND c.article_id = ar.id)
    ORDER BY ts_rank(ar.search_stems, ${sought}) DESC, ar.id
    LIMIT ${EVENT_CANDIDATE_ARTICLES}`;
  const described = new Map(candidates.map((candidate) => [candidate.id, candidate]));
  const found = await findPossibleCoverage(
    [event],
    candidates.map((candidate) => ({ eventId: event.id, articleId: candidate.id })),
  );
  return found
    .map((passage) => ({
      ...passage,
      articleTitle: described.get(passage.articleId)!.title,
      source: described.get(passage.articleId)!.source,
    }))
    .sort((a, b) => b.score - a.score);
}
