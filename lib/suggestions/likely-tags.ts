/** At most this many tags are marked likely: more would be the whole codebook again. */
const MAX_LIKELY = 3;
/** Below this score (0–1) a tag is not called likely. */
const LIKELY_SCORE = 0.3;

/** The tags of a ranking (most likely first) that the tag picker lists first, marked "likely". */
export function likelyTagIds(ranked: { tagId: string; score: number }[]): string[] {
  return ranked
    .filter((tag) => tag.score >= LIKELY_SCORE)
    .slice(0, MAX_LIKELY)
    .map((tag) => tag.tagId);
}
