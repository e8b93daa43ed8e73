import { figuresIn } from "../figures";

/**
 * Sentences likely to hold a check-worthy claim: they state a figure, attribute
 * something to someone, or quote them. Each comes with the reasons, shown to
 * the user, and a score that orders them (0–1).
 */
export interface ClaimCandidate {
  start: number;
  end: number;
  score: number;
  reasons: string[];
}

const ATTRIBUTION =
  /\b(?:said|says|told|according to|reported(?: that)?|claimed|stated|announced|confirmed|denied|alleged|warned)\b/i;
const QUOTATION = /[“"«][^”"»]{12,}[”"»]/;
/** Shorter than this, a sentence is a heading or a fragment; longer, a paragraph the segmenter could not split. */
const MIN_LENGTH = 30;
const MAX_LENGTH = 800;
const WEIGHTS = { figure: 0.5, attribution: 0.3, quotation: 0.2 };

let sentences: Intl.Segmenter | undefined;

/** The claim candidates of an article's text, in reading order; offsets in UTF-16 code units, as annotations have. */
export function claimCandidates(text: string): ClaimCandidate[] {
  sentences ??= new Intl.Segmenter("en", { granularity: "sentence" });
  const candidates: ClaimCandidate[] = [];
  for (const { segment, index } of sentences.segment(text)) {
    const trimmedStart = segment.length - segment.trimStart().length;
    const sentence = segment.trim();
    if (sentence.length < MIN_LENGTH || sentence.length > MAX_LENGTH) continue;
    const reasons: string[] = [];
    let score = 0;
    const figures = figuresIn(sentence);
    if (figures.length > 0) {
      reasons.push(`states a figure: ${figures.map((figure) => `${figure.text} ${figure.measure}`).join(", ")}`);
      score += WEIGHTS.figure;
    }
    const attribution = ATTRIBUTION.exec(sentence);
    if (attribution) {
      reasons.push(`attributes it: “${attribution[0]}”`);
      score += WEIGHTS.attribution;
    }
    if (QUOTATION.test(sentence)) {
      reasons.push("quotes someone");
      score += WEIGHTS.quotation;
    }
    if (reasons.length === 0) continue;
    const start = index + trimmedStart;
    candidates.push({ start, end: start + sentence.length, score: Math.round(score * 100) / 100, reasons });
  }
  return candidates;
}
