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
/** The fuzzy search looks this far around the expected position before it searches the whole text. */
const FUZZY_WINDOW = 4_096;

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
    score: (QUOTE_WEIGHT * quoteScore + PREFIX_WEIGHT * prefixScore + SUFFIX_WEIGHT * suffixScore + POSITION_WEIGHT * positionScore) / TOTAL_WEIGHT,
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
  const starts: number[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) starts.push(at);
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
export function findFuzzyQuote(text: string, quote: string, hints: QuoteHints): QuoteMatch | null {
  const maxErrors = Math.floor(quote.length * (1 - MIN_QUOTE_SIMILARITY));
  if (maxErrors === 0) return null; // too short to be told apart from other words when edited
  const windowStart = Math.max(0, hints.position - FUZZY_WINDOW);
  const windowEnd = Math.min(text.length, hints.position + quote.length + FUZZY_WINDOW);
  const inWindow = bestFuzzy(text, quote, hints, maxErrors, windowStart, windowEnd);
  if (inWindow || (windowStart === 0 && windowEnd === text.length)) return inWindow;
  return bestFuzzy(text, quote, hints, maxErrors, 0, text.length);
}

function bestFuzzy(text: string, quote: string, hints: QuoteHints, maxErrors: number, from: number, to: number): QuoteMatch | null {
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
    if (rated.score >= MIN_FUZZY_SCORE && (!best || rated.score > best.score)) best = { start, end, score: rated.score };
  }
  return best;
}
