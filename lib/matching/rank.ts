/**
 * Claim matching: BM25 (MiniSearch) over the sentences of articles and over
 * claims, on English word stems. Pure functions of plain data: they run on a
 * worker thread (lib/workers/tasks.ts) and are what `npm run eval` measures.
 */
import MiniSearch, { type SearchResult } from "minisearch";
import { stemmer } from "stemmer";

/** A claim that may match: an annotation of another article. */
export interface CandidateClaim {
  id: string;
  articleId: string;
  start: number;
  end: number;
  exact: string;
}

/**
 * What rankMatches reads. `query`: the text sought (a claim's quote; for an
 * event, its title and its claims' quotes). `articles`: the texts whose
 * sentences are ranked as passages (offsets are UTF-16 code units, as
 * annotations have). `claims`: claims ranked in the same index as the
 * passages, so that both get comparable scores. `limit`: how many to return.
 */
export interface MatchInput {
  query: string;
  articles: { id: string; text: string }[];
  claims: CandidateClaim[];
  limit: number;
}

export interface RankedMatch {
  kind: "claim" | "passage";
  articleId: string;
  annotationId: string | null;
  start: number;
  end: number;
  exact: string;
  /** BM25: higher is closer; comparable within one answer only. */
  score: number;
  /** The share (0–1) of the query's words, weighted by how rare they are, that the match has. */
  coverage: number;
}

/** Words too common to tell two reports apart. */
const STOP_WORDS = new Set(
  (
    "a an and are as at be been but by for from had has have he her his i in into is it its of on or our she that " +
    "the their them there they this to was were which who will with would not no than then so said says also after " +
    "over about more most some such we you"
  ).split(" "),
);

/** A sentence shorter than this is a heading or a fragment; longer, a paragraph the segmenter could not split. */
const MIN_PASSAGE = 20;
const MAX_PASSAGE = 1_000;

let sentenceSegmenter: Intl.Segmenter | undefined;

/**
 * Words of any script: letters with their marks, digits, and an apostrophe inside ("don't"). A regular expression,
 * not Intl.Segmenter's words: that took 20–45 ms for 50,000 characters, this 1–2 ms.
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*/gu;

/** Stems of words seen, kept across calls (a worker's lifetime): stemming each word again took most of the time. */
const stems = new Map<string, string>();
const MAX_STEMS = 200_000;

function stemOf(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    if (stems.size >= MAX_STEMS) stems.clear();
    stem = /^[a-z]+$/.test(word) ? stemmer(word) : word;
    stems.set(word, stem);
  }
  return stem;
}

/** The words of a text, lower-cased and stemmed (English), stop words left out. */
export function matchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const found of text.normalize("NFC").toLowerCase().match(WORD) ?? []) {
    const word = found.replaceAll("’", "'").replace(/'s$/, "");
    if (!STOP_WORDS.has(word)) terms.push(stemOf(word));
  }
  return terms;
}

interface Passage {
  start: number;
  end: number;
  terms: string[];
}

/**
 * The sentences of a text, trimmed, with their offsets and terms: only those of the paragraphs (lines) that hold one
 * of `sought` terms (all when it is null), since a passage without any cannot match, and segmenting every sentence of
 * a 50,000-character article took 15–20 ms.
 */
export function passagesOf(text: string, sought: ReadonlySet<string> | null): Passage[] {
  sentenceSegmenter ??= new Intl.Segmenter("en", { granularity: "sentence" });
  const found: Passage[] = [];
  let lineStart = 0;
  for (const line of text.split("\n")) {
    const paragraphStart = lineStart;
    lineStart += line.length + 1;
    if (line.trim().length < MIN_PASSAGE || (sought && !matchTerms(line).some((term) => sought.has(term)))) continue;
    for (const { segment, index } of sentenceSegmenter.segment(line)) {
      const trimmed = segment.trim();
      if (trimmed.length < MIN_PASSAGE || trimmed.length > MAX_PASSAGE) continue;
      const start = paragraphStart + index + segment.length - segment.trimStart().length;
      found.push({ start, end: start + trimmed.length, terms: matchTerms(trimmed) });
    }
  }
  return found;
}

interface IndexedText {
  id: number;
  /** The text's terms (matchTerms), joined by spaces: each text is split into words once. */
  terms: string;
}

interface TermIndex {
  search: MiniSearch<IndexedText>;
  /** Inverse document frequency of each distinct query term: rare words weigh more. */
  weights: Map<string, number>;
}

const splitTerms = (terms: string) => terms.split(" ");

/** A BM25 index over texts given by their terms (matchTerms), and the weights of `queryTerms` in it. */
function bm25Index(texts: string[][], queryTerms: string[]): TermIndex {
  const search = new MiniSearch<IndexedText>({
    fields: ["terms"],
    tokenize: splitTerms,
    processTerm: (term) => term || null,
    searchOptions: { combineWith: "OR", tokenize: splitTerms },
  });
  const sought = new Set(queryTerms);
  const frequency = new Map<string, number>();
  const documents = texts.map((terms, id) => {
    for (const term of new Set(terms)) if (sought.has(term)) frequency.set(term, (frequency.get(term) ?? 0) + 1);
    return { id, terms: terms.join(" ") };
  });
  search.addAll(documents);
  const weights = new Map<string, number>();
  for (const term of sought) {
    weights.set(term, Math.log(1 + (texts.length + 1) / ((frequency.get(term) ?? 0) + 1)));
  }
  return { search, weights };
}

/** How much of the query's words (weighted) the matched terms hold, 0–1. */
function coverageOf(weights: Map<string, number>, queryTerms: string[], matchedTerms: string[]): number {
  const sought = new Set(queryTerms);
  let total = 0;
  for (const term of sought) total += weights.get(term) ?? 0;
  let found = 0;
  for (const term of new Set(matchedTerms)) if (sought.has(term)) found += weights.get(term) ?? 0;
  return total === 0 ? 0 : Math.round((found / total) * 100) / 100;
}

/**
 * The claims and passages that most likely report what `query` says, best
 * first: BM25 over one index of the articles' sentences and the claims. A
 * passage that a returned claim overlaps is left out (the claim says more:
 * who coded it, and its event).
 */
export function rankMatches({ query, articles, claims, limit }: MatchInput): RankedMatch[] {
  const terms = matchTerms(query);
  if (terms.length === 0) return [];
  const sought = new Set(terms);
  const entries: (Omit<RankedMatch, "score" | "coverage"> & { terms: string[] })[] = [];
  for (const { id, articleId, start, end, exact } of claims) {
    entries.push({ kind: "claim", articleId, annotationId: id, start, end, exact, terms: matchTerms(exact) });
  }
  for (const article of articles) {
    for (const { start, end, terms: passageTerms } of passagesOf(article.text, sought)) {
      const exact = article.text.slice(start, end);
      entries.push({
        kind: "passage",
        articleId: article.id,
        annotationId: null,
        start,
        end,
        exact,
        terms: passageTerms,
      });
    }
  }
  if (entries.length === 0) return [];
  const { search, weights } = bm25Index(
    entries.map((entry) => entry.terms),
    terms,
  );
  const ranked: RankedMatch[] = [];
  for (const hit of search.search(terms.join(" "))) {
    const { terms: _terms, ...entry } = entries[hit.id as number]!;
    const overlapsClaim = (claim: RankedMatch) =>
      claim.kind === "claim" &&
      claim.articleId === entry.articleId &&
      claim.start < entry.end &&
      entry.start < claim.end;
    if (entry.kind === "passage" && ranked.some(overlapsClaim)) continue;
    const score = Math.round(hit.score * 100) / 100;
    ranked.push({ ...entry, score, coverage: coverageOf(weights, terms, hit.terms) });
    if (ranked.length >= limit) break;
  }
  return ranked;
}

/**
 * The least share of one of an event's statements (its claims' words, weighted by rarity) that an article's sentence
 * must hold to be shown as possibly reporting it. Chosen with `npm run eval` on its three corpora (README): the best
 * F1 of 0.4, 0.5 and 0.6 on each. Here, not in coverage.ts, so that the eval measures the same threshold.
 */
export const MIN_COVERAGE = 0.4;

/** One article's sentences and the queries (by key) to find the best passage for. */
export interface CoverageInput {
  /**
   * `version`: what changes with the text (the article's revision); when given, the worker keeps the article's
   * sentences indexed for the next comparisons of it.
   */
  articles: { id: string; version?: number; text: string; queries: { key: string; text: string }[] }[];
  /** The least coverage (RankedMatch.coverage) a passage needs to be proposed. */
  minCoverage: number;
}

export interface BestPassage {
  articleId: string;
  key: string;
  start: number;
  end: number;
  exact: string;
  score: number;
  coverage: number;
}

/** Sentences BM25 ranks first for an event, of which the one holding most of one of its statements is proposed. */
const COVERAGE_CANDIDATES = 3;
/** A statement this short ("Earthquake", a bare title) says too little to judge a sentence by. */
const MIN_STATEMENT_TERMS = 3;

/**
 * What an event says, one line each (its title, its claims' quotes), as terms: a sentence that reports the event
 * retells one of them, not all of them at once. The lines too short to judge by are left out, unless all are.
 */
function statementsOf(text: string): string[][] {
  const lines = text.split("\n").map(matchTerms);
  const telling = lines.filter((terms) => new Set(terms).size >= MIN_STATEMENT_TERMS);
  return telling.length > 0 ? telling : [lines.flat()];
}

/**
 * For each article and each of its queries, the passage of that article that
 * best matches the query, when it holds at least `minCoverage` of the words
 * of one of the query's statements: each article is indexed once for all its
 * queries.
 */
export function bestCoverage({ articles, minCoverage }: CoverageInput): BestPassage[] {
  const found: BestPassage[] = [];
  for (const article of articles) {
    const queries = article.queries.map((query) => ({
      key: query.key,
      terms: matchTerms(query.text),
      statements: statementsOf(query.text),
    }));
    const { sentences, search, frequency } = indexedArticle(article);
    if (sentences.length === 0) continue;
    const weights = new Map<string, number>();
    for (const term of new Set(queries.flatMap((query) => query.terms)))
      weights.set(term, Math.log(1 + (sentences.length + 1) / ((frequency.get(term) ?? 0) + 1)));
    for (const query of queries) {
      if (query.terms.length === 0) continue;
      // The best of the first sentences BM25 ranks, by the share of one of the event's statements it holds.
      let best: { result: SearchResult; coverage: number } | null = null;
      for (const result of search.search(query.terms.join(" ")).slice(0, COVERAGE_CANDIDATES)) {
        const coverage = Math.max(...query.statements.map((terms) => coverageOf(weights, terms, result.terms)));
        if (!best || coverage > best.coverage) best = { result, coverage };
      }
      if (!best || best.coverage < minCoverage) continue;
      const { start, end } = sentences[best.result.id as number]!;
      const exact = article.text.slice(start, end);
      const score = Math.round(best.result.score * 100) / 100;
      found.push({ articleId: article.id, key: query.key, start, end, exact, score, coverage: best.coverage });
    }
  }
  return found;
}

/** An article's sentences, their BM25 index, and in how many of them each term occurs. */
interface IndexedArticle {
  sentences: Passage[];
  search: MiniSearch<IndexedText>;
  frequency: Map<string, number>;
}

/** Articles indexed by this worker, by id and version, the most recently used last: comparisons are read again. */
const indexedArticles = new Map<string, IndexedArticle>();
const KEPT_ARTICLES = 16;

function indexedArticle(article: CoverageInput["articles"][number]): IndexedArticle {
  const key = article.version === undefined ? null : `${article.id}:${article.version}`;
  const kept = key ? indexedArticles.get(key) : undefined;
  if (kept && key) {
    indexedArticles.delete(key);
    indexedArticles.set(key, kept);
    return kept;
  }
  const sentences = passagesOf(article.text, null);
  const { search } = bm25Index(
    sentences.map((sentence) => sentence.terms),
    [],
  );
  const frequency = new Map<string, number>();
  for (const sentence of sentences)
    for (const term of new Set(sentence.terms)) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const indexed = { sentences, search, frequency };
  if (key) {
    indexedArticles.set(key, indexed);
    if (indexedArticles.size > KEPT_ARTICLES) indexedArticles.delete(indexedArticles.keys().next().value!);
  }
  return indexed;
}
