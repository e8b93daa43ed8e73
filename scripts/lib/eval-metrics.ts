/** The measures `npm run eval` prints. */
export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Precision, recall and F1 of a set of predictions against the right
 * answers, each item named by a key (a span and tag, a sentence): an item is
 * right when both sets hold its key.
 */
export function scoreSets(predicted: Iterable<string>, gold: Iterable<string>): Scores & { counts: Counts } {
  const wanted = new Set(gold);
  const found = new Set(predicted);
  let right = 0;
  for (const key of found) if (wanted.has(key)) right++;
  return {
    ...scoresOf({ right, predicted: found.size, gold: wanted.size }),
    counts: { right, predicted: found.size, gold: wanted.size },
  };
}

export interface Counts {
  right: number;
  predicted: number;
  gold: number;
}

/**
 * Precision, recall and F1 from counts (added up over held-out parts: micro-averaged). With nothing predicted, or
 * nothing to find, the measure is 0 (as scikit-learn's default `zero_division`).
 */
export function scoresOf({ right, predicted, gold }: Counts): Scores {
  const precision = predicted === 0 ? 0 : right / predicted;
  const recall = gold === 0 ? 0 : right / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function addCounts(total: Counts, more: Counts): Counts {
  return { right: total.right + more.right, predicted: total.predicted + more.predicted, gold: total.gold + more.gold };
}

export const NO_COUNTS: Counts = { right: 0, predicted: 0, gold: 0 };

/**
 * The share of cases whose ranking holds a right answer within its first `k`
 * (hit@k: accuracy@k of a tag ranking, recall@k of event matching).
 */
export function hitsAt(cases: { ranked: string[]; right: string[] }[], k: number): number {
  if (cases.length === 0) return 0;
  const hits = cases.filter(({ ranked, right }) => ranked.slice(0, k).some((answer) => right.includes(answer)));
  return hits.length / cases.length;
}

/** An (event, article) cell as the coverage finder sees it: the passage it proposes, if any, and the gold claims. */
export interface CoverageCell {
  proposed: { start: number; end: number } | undefined;
  /** The spans of the article's claims linked to the event (none: the article does not report it). */
  gold: { start: number; end: number }[];
}

/**
 * Counts of possible coverage over cells: a proposal is right when it overlaps one of the cell's gold claims;
 * `gold` counts the cells that have one (what there was to find).
 */
export function coverageCounts(cells: CoverageCell[]): Counts {
  let right = 0;
  let predicted = 0;
  let gold = 0;
  for (const { proposed, gold: claims } of cells) {
    if (claims.length > 0) gold++;
    if (!proposed) continue;
    predicted++;
    if (claims.some((claim) => claim.start < proposed.end && proposed.start < claim.end)) right++;
  }
  return { right, predicted, gold };
}
