import { claimCandidates } from "./claim-candidates";
import {
  type PackedPhraseStats,
  type PhraseUse,
  recountedPhrases,
  type UnpackedPhrases,
  unpackPhrases,
} from "./phrase-stats";
import { findPhrases, indexPhrases, type PhraseIndex } from "./phrases";

/** A suggestion as the worker finds it: a span of the text, what kind, why, and (for phrases) the tags. */
export interface FoundSuggestion {
  kind: "phrase" | "claim";
  start: number;
  end: number;
  tagIds: string[];
  score: number;
  reason: string;
}

export interface SuggestionInput {
  text: string;
  /** What the project's annotations teach about phrases, and the annotations tagged since that was learned. */
  learned: PackedPhraseStats;
  recent: PhraseUse[];
  /** The tags a suggestion may carry: the codebook's, not archived. */
  liveTagIds: string[];
  /** The spans of the annotations the user sees in this article: nothing is proposed where one already is. */
  annotated: [start: number, end: number][];
}

/**
 * The suggestions for one article's text, in reading order: the project's
 * tagged phrases where they occur again, and sentences that hold a claim. A
 * phrase is not proposed over the very same span already annotated; a
 * sentence not where an annotation lies inside it.
 */
export function suggestFor({ text, learned, recent, liveTagIds, annotated }: SuggestionInput): FoundSuggestion[] {
  const { unpacked, index } = learnedIndex(learned, liveTagIds);
  // The phrases tagged since: their counts now, found through an index of their own, in place of the learned ones.
  const recounted = recountedPhrases(learned, unpacked, recent, liveTagIds);
  const changed = new Set(recounted.map(({ phrase }) => phrase));
  const occurrences = findPhrases(
    text,
    [index, indexPhrases(recounted.filter(({ tagIds }) => tagIds.length > 0))],
    (phrase, position) => position === 0 && changed.has(phrase),
  );
  const spans = new Set(annotated.map(([start, end]) => `${start}:${end}`));
  const found: FoundSuggestion[] = [];
  for (const { start, end, tagIds, uses } of occurrences) {
    if (spans.has(`${start}:${end}`)) continue;
    found.push({
      kind: "phrase",
      start,
      end,
      tagIds,
      // More uses, more confidence: 1 use 0.5, 5 uses 0.83, never 1.
      score: Math.round((uses / (uses + 1)) * 100) / 100,
      reason: `tagged ${uses === 1 ? "once" : `${uses} times`} elsewhere in the project`,
    });
  }
  for (const { start, end, score, reasons } of claimCandidates(text)) {
    if (annotated.some(([from, to]) => from >= start && to <= end)) continue;
    found.push({ kind: "claim", start, end, tagIds: [], score, reason: reasons.join("; ") });
  }
  return found.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The learned phrases unpacked and indexed, kept by the worker for the next
 * calls of the same learning (and codebook): unpacking and indexing 50,000
 * phrases costs more than looking for them in an article.
 */
let kept: { key: string; unpacked: UnpackedPhrases; index: PhraseIndex } | null = null;

function learnedIndex(learned: PackedPhraseStats, liveTagIds: string[]) {
  const key = `${learned.id}|${liveTagIds.join(",")}`;
  if (!learned.id || kept?.key !== key) {
    const unpacked = unpackPhrases(learned, liveTagIds);
    kept = { key, unpacked, index: indexPhrases(unpacked.phrases) };
  }
  return kept;
}
