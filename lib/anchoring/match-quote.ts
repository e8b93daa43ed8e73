import search from "approx-string-match";
import { splitsSurrogatePair } from "./span";

/** What is known of where a quote was: the text around it and roughly where it should start. */
export interface QuoteHints {
  prefix: string;
  suffix: string;
  /** The expected start offset in the text searched (the old one mapped through the edit). */
  position: number;
}

export interface QuoteMatch {
  start: number;
  end: number;
  /** 0–1, higher is better: the weighted similarity of quote, prefix, suffix and position. */
  score: number;
}

// Weights as in the Hypothesis client: the quote matters most, its context
// tells copies apart, the position only breaks ties.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/** A fuzzy match must keep at least this share of the quote: less is another passage, not an edited one. */
export const MIN_QUOTE_SIMILARITY = 0.75;
/** ...and score at least this much overall: a weak quote match needs its context to agree. */
export const MIN_FUZZY_SCORE = 0.5;
/**
 * A match of a short quote ("the Taliban") elsewhere is only the annotation if
 * the text around it agrees at least this much (prefix and suffix averaged);
 * quotes of DISTINCTIVE_QUOTE_LENGTH or more code units are taken on their own.
 */
const MIN_CONTEXT_FOR_SHORT_QUOTES = 0.5;
const DISTINCTIVE_QUOTE_LENGTH = 24;
/** Exact copies of very common quotes ("the") are not all scored: the nearest this many are. */
const MAX_EXACT_CANDIDATES = 1_000;
/**
 * Finding a copy costs about the quote's length in comparisons, so copies are
 * collected until they have cost this many. Copies that do not overlap cost at
 * most the text's length, far below it; only a quote that overlaps itself
 * ("aaaa…" in "aaaaaa…") reaches it, and is then searched among the copies found.
 */
const MAX_EXACT_SEARCH_WORK = 20_000_000;
/** The fuzzy search looks this far around the expected position before it searches the whole text. */
const FUZZY_WINDOW = 4_096;

/**
 * How much approximate searching one call may do, in units of Myers'
 * algorithm: characters of text searched times 32-character words of quote.
 * A long quote in a long text costs the product (a 150,000-character quote in
 * 300,000 characters: 1.4 billion, many seconds of CPU); past the budget the search
 * is skipped and the quote is not found, which callers treat as orphaned or
 * rejected, never guessed. Shared by the calls of one task, so that many
 * anchors cannot add up to much more than one.
 */
export interface FuzzyBudget {
  remaining: number;
}

/** A few seconds of approximate searching (50–150 million units a second measured on a 2-core server). */
export const DEFAULT_FUZZY_WORK = 300_000_000;

export const createFuzzyBudget = (work = DEFAULT_FUZZY_WORK): FuzzyBudget => ({ remaining: work });

/**
 * Takes the cost of searching `length` characters for `quote` from the budget; false (and nothing taken) when it is too
 * little.
 */
function spend(budget: FuzzyBudget, length: number, quote: string): boolean {
  const cost = length * Math.ceil(quote.length / 32);
  if (cost > budget.remaining) return false;
  budget.remaining -= cost;
  return true;
}

/** 0–1: how well `text` matches `pattern`, allowing edits (1 when both are empty). */
function similarity(text: string, pattern: string): number {
  if (pattern.length === 0) return text.length === 0 ? 1 : 0.5;
  if (text.length === 0) return 0;
  const [best] = search(text, pattern, pattern.length);
  return best ? 1 - best.errors / pattern.length : 0;
}

/** The weighted score of a candidate, and how well its surroundings alone agree (0–1). */
function score(text: string, start: number, end: number, quoteScore: number, hints: QuoteHints) {
  const prefixScore = similarity(text.slice(Math.max(0, start - hints.prefix.length), start), hints.prefix);
  const suffixScore = similarity(text.slice(end, end + hints.suffix.length), hints.suffix);
  const positionScore = 1 - Math.min(1, Math.abs(start - hints.position) / Math.max(1, text.length));
  return {
    score:
      (QUOTE_WEIGHT * quoteScore +
        PREFIX_WEIGHT * prefixScore +
        SUFFIX_WEIGHT * suffixScore +
        POSITION_WEIGHT * positionScore) /
      TOTAL_WEIGHT,
    context: (prefixScore + suffixScore) / 2,
  };
}

/**
 * The best exact copy of `quote` in `text`: the one whose surroundings match
 * the prefix and suffix best, then the nearest to the expected position.
 * Null when the quote is nowhere in the text, or only short copies in other
 * surroundings are.
 */
export function findExactQuote(text: string, quote: string, hints: QuoteHints): QuoteMatch | null {
  if (quote.length === 0) return null;
  const starts: number[] = [];
  const maxCopies = Math.max(1, Math.floor(MAX_EXACT_SEARCH_WORK / quote.length));
  for (let at = text.indexOf(quote); at !== -1 && starts.length < maxCopies; at = text.indexOf(quote, at + 1))
    starts.push(at);
  if (starts.length === 0) return null;
  const nearest = starts
    .sort((a, b) => Math.abs(a - hints.position) - Math.abs(b - hints.position))
    .slice(0, MAX_EXACT_CANDIDATES);
  let best: QuoteMatch | null = null;
  for (const start of nearest) {
    const rated = score(text, start, start + quote.length, 1, hints);
    if (quote.length < DISTINCTIVE_QUOTE_LENGTH && rated.context < MIN_CONTEXT_FOR_SHORT_QUOTES) continue;
    if (!best || rated.score > best.score) best = { start, end: start + quote.length, score: rated.score };
  }
  return best;
}

/**
 * The best approximate match of `quote` (of any length: Myers' bit-parallel
 * search has no pattern limit), scored on quote, prefix, suffix and position.
 * A window around the expected position is searched first, the whole text
 * only when that finds nothing good enough. Null below the thresholds: an
 * annotation is better orphaned than attached to the wrong words.
 */
export function findFuzzyQuote(
  text: string,
  quote: string,
  hints: QuoteHints,
  budget: FuzzyBudget = createFuzzyBudget(),
): QuoteMatch | null {
  const maxErrors = Math.floor(quote.length * (1 - MIN_QUOTE_SIMILARITY));
  if (maxErrors === 0) return null; // too short to be told apart from other words when edited
  const windowStart = Math.max(0, hints.position - FUZZY_WINDOW);
  const windowEnd = Math.min(text.length, hints.position + quote.length + FUZZY_WINDOW);
  if (!spend(budget, windowEnd - windowStart, quote)) return null;
  const inWindow = bestFuzzy(text, quote, hints, maxErrors, windowStart, windowEnd);
  if (inWindow || (windowStart === 0 && windowEnd === text.length)) return inWindow;
  if (!spend(budget, text.length, quote)) return null;
  return bestFuzzy(text, quote, hints, maxErrors, 0, text.length);
}

function bestFuzzy(
  text: string,
  quote: string,
  hints: QuoteHints,
  maxErrors: number,
  from: number,
  to: number,
): QuoteMatch | null {
  let best: QuoteMatch | null = null;
  for (const match of search(text.slice(from, to), quote, maxErrors)) {
    let start = from + match.start;
    let end = from + match.end;
    if (splitsSurrogatePair(text, start)) start -= 1;
    if (splitsSurrogatePair(text, end)) end += 1;
    if (start >= end) continue;
    const quoteScore = 1 - match.errors / quote.length;
    if (quoteScore < MIN_QUOTE_SIMILARITY) continue;
    const rated = score(text, start, end, quoteScore, hints);
    if (quote.length < DISTINCTIVE_QUOTE_LENGTH && rated.context < MIN_CONTEXT_FOR_SHORT_QUOTES) continue;
    if (rated.score >= MIN_FUZZY_SCORE && (!best || rated.score > best.score))
      best = { start, end, score: rated.score };
  }
  return best;
}
