import { sentencesOf } from "@/lib/suggestions/claim-candidates";
import { bestCoverage, MIN_COVERAGE, rankMatches } from "@/lib/matching/rank";
import type { EvalAnnotation, EvalCorpus } from "./eval-corpus.ts";
import { type CoverageCell, coverageCounts, hitsAt } from "./eval-metrics.ts";
import { type EvalRow, setRow } from "./eval-suggesters.ts";

/** What a claim is matched against: the project's other articles and their annotations, with their events. */
export interface MatchingEvidence {
  articles: EvalCorpus["articles"];
  annotations: EvalAnnotation[];
}

/** Ranks a project's events for a claim's quote, from the evidence of the other articles: event ids, best first. */
export type EventRanker = (claim: string, evidence: MatchingEvidence) => string[];

let wordSegmenter: Intl.Segmenter | undefined;

function wordSet(text: string): Set<string> {
  wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: "word" });
  const words = new Set<string>();
  for (const { segment, isWordLike } of wordSegmenter.segment(text)) if (isWordLike) words.add(segment.toLowerCase());
  return words;
}

const sharedWords = (words: Set<string>, theirs: Set<string>) => [...words].filter((word) => theirs.has(word)).length;

/** Word overlap: the events whose linked quotes share the most distinct words with the claim. */
export const wordOverlap: EventRanker = (claim, { annotations }) => {
  const quotes = new Map<string, string[]>();
  for (const { events, exact } of annotations)
    for (const id of events) quotes.set(id, [...(quotes.get(id) ?? []), exact]);
  const words = wordSet(claim);
  return [...quotes]
    .map(([eventId, theirs]) => ({ eventId, shared: sharedWords(words, wordSet(theirs.join(" "))) }))
    .sort((a, b) => b.shared - a.shared || a.eventId.localeCompare(b.eventId))
    .map(({ eventId }) => eventId);
};

/** As many matches as GET /api/v1/annotations/:id/matches returns by default, which the event picker reads. */
const PICKER_MATCHES = 10;

/**
 * lib/matching's ranking as the event picker uses it: BM25 over the other articles' sentences and claims together,
 * then the event of each matching claim (its first link), in the order of the matches.
 */
export const bm25Matches: EventRanker = (claim, { articles, annotations }) => {
  const claims = annotations.map(({ articleId, start, end, exact }, index) => ({
    id: String(index),
    articleId,
    start,
    end,
    exact,
  }));
  const events = rankMatches({ query: claim, articles, claims, limit: PICKER_MATCHES }).flatMap(({ annotationId }) =>
    annotationId === null ? [] : annotations[Number(annotationId)]!.events.slice(0, 1),
  );
  return [...new Set(events)];
};

/** The event rankers compared on the linked claims. */
export const EVENT_RANKERS: { method: string; rank: EventRanker }[] = [
  { method: "BM25 matches (lib/matching), events in order", rank: bm25Matches },
  { method: "baseline: word overlap", rank: wordOverlap },
];

/**
 * Claim matching: for each linked claim, the events ranked from the other articles (their text and annotations);
 * recall@1 and @3 of its own event. Claims whose event no other article reports are left out (nothing to find).
 */
export function evaluateMatching(corpus: EvalCorpus): EvalRow[] {
  const cases: { claim: EvalAnnotation; evidence: MatchingEvidence }[] = [];
  for (const claim of corpus.annotations.filter((annotation) => annotation.events.length > 0)) {
    const evidence = {
      articles: corpus.articles.filter((article) => article.id !== claim.articleId),
      annotations: corpus.annotations.filter((other) => other.articleId !== claim.articleId),
    };
    const reported = new Set(evidence.annotations.flatMap((other) => other.events));
    if (claim.events.some((eventId) => reported.has(eventId))) cases.push({ claim, evidence });
  }
  return EVENT_RANKERS.map(({ method, rank }) => {
    const ranked = cases.map(({ claim, evidence }) => ({ ranked: rank(claim.exact, evidence), right: claim.events }));
    return {
      corpus: corpus.name,
      suggester: "claim matching",
      method,
      at1: hitsAt(ranked, 1),
      at3: hitsAt(ranked, 3),
      cases: `${ranked.length} claims`,
    };
  });
}

/** Finds the passage of an article that may report an event sought by its words, as a span, or none. */
type CoverageFinder = (text: string, eventWords: string) => { start: number; end: number } | undefined;

/** lib/matching's finder, as the comparison runs it for an omitted cell, with the least coverage it asks for. */
const bm25Coverage =
  (minCoverage: number): CoverageFinder =>
  (text, eventWords) =>
    bestCoverage({ articles: [{ id: "", text, queries: [{ key: "", text: eventWords }] }], minCoverage })[0];

/** Word overlap: the sentence that shares the most distinct words with the event's, if it has MIN_COVERAGE of them. */
const overlapCoverage: CoverageFinder = (text, eventWords) => {
  // As bestCoverage judges a sentence: by the one statement of the event (a line: title, claim) it shares most of.
  const lines = eventWords.split("\n").map(wordSet);
  const statements = lines.filter((words) => words.size >= 3);
  const sought = statements.length > 0 ? statements : [wordSet(eventWords)];
  let best: { start: number; end: number; share: number } | undefined;
  for (const { start, end, sentence } of sentencesOf(text)) {
    const words = wordSet(sentence);
    const share = Math.max(...sought.map((statement) => sharedWords(words, statement) / statement.size));
    if (!best || share > best.share) best = { start, end, share };
  }
  return best && best.share >= MIN_COVERAGE ? best : undefined;
};

/**
 * Possible coverage: every (event, article) cell of the comparison whose event other articles report, with the
 * article's own links hidden. The event is sought by its title and the quotes of its claims in the other articles
 * (as lib/compare.ts seeks it); a proposed passage is right when it overlaps a claim of the article linked to the
 * event. Cells of articles that do not report the event count against precision when something is proposed.
 */
export function evaluateCoverage(corpus: EvalCorpus): EvalRow[] {
  const finders: [string, CoverageFinder][] = [
    [`BM25 best sentence, ≥ ${MIN_COVERAGE} of a claim's words`, bm25Coverage(MIN_COVERAGE)],
    // The ranking alone: how often the best sentence is right, whatever share of the event's words it holds.
    ["BM25 best sentence, any share", bm25Coverage(0)],
    [`baseline: most words shared with a claim, ≥ ${MIN_COVERAGE} of them`, overlapCoverage],
  ];
  return finders.map(([method, find]) => {
    const cells: CoverageCell[] = [];
    for (const event of corpus.events) {
      for (const article of corpus.articles) {
        const linked = corpus.annotations.filter((annotation) => annotation.events.includes(event.id));
        const elsewhere = linked.filter((annotation) => annotation.articleId !== article.id);
        if (elsewhere.length === 0) continue;
        const words = [event.title, ...elsewhere.map((annotation) => annotation.exact)].join("\n");
        cells.push({
          proposed: find(article.text, words),
          gold: linked.filter((annotation) => annotation.articleId === article.id),
        });
      }
    }
    const row = setRow(corpus, "possible coverage", method, coverageCounts(cells));
    return { ...row, cases: `${row.cases} of ${cells.length} cells` };
  });
}
