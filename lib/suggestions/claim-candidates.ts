import { ABBREVIATIONS, figuresIn } from "../figures";

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
const WEIGHTS = { figure: 0.5, number: 0.3, attribution: 0.3, quotation: 0.2 };
/** A number that is not a counted figure: a time, a date, a measure without a noun the figure parser knows. */
const NUMBER = /\d/;
/**
 * Abbreviations the segmenter takes for the end of a sentence: titles and
 * months always go on ("Dr. Ali", "Sept. 21"); a.m., p.m. and initials
 * ("U.S.") only when what follows does not start a sentence (a lower-case
 * word, a number, an all-caps word such as a time zone).
 */
const TITLE_OR_MONTH = new RegExp(`\\b(?:${ABBREVIATIONS})\\.$`);
const INITIALS = /\b(?:\p{L}\.){2,}$/u;
const GOES_ON = /^(?:\p{Ll}|\d|\p{Lu}{2,}\b)/u;

let segmenter: Intl.Segmenter | undefined;

/**
 * The sentences of `text`, trimmed, with their offsets: the segmenter's,
 * joined again where it broke at an abbreviation.
 */
export function sentencesOf(text: string): { start: number; end: number; sentence: string }[] {
  segmenter ??= new Intl.Segmenter("en", { granularity: "sentence" });
  const segments: { segment: string; index: number }[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const previous = segments.at(-1);
    const ended = previous?.segment.trimEnd() ?? "";
    if (previous && (TITLE_OR_MONTH.test(ended) || (INITIALS.test(ended) && GOES_ON.test(segment)))) {
      previous.segment += segment;
    } else segments.push({ segment, index });
  }
  return segments.flatMap(({ segment, index }) => {
    const start = index + segment.length - segment.trimStart().length;
    const sentence = segment.trim();
    return sentence ? [{ start, end: start + sentence.length, sentence }] : [];
  });
}

/** The claim candidates of an article's text, in reading order; offsets in UTF-16 code units, as annotations have. */
export function claimCandidates(text: string): ClaimCandidate[] {
  const candidates: ClaimCandidate[] = [];
  for (const { start, end, sentence } of sentencesOf(text)) {
    if (sentence.length < MIN_LENGTH || sentence.length > MAX_LENGTH) continue;
    const reasons: string[] = [];
    let score = 0;
    const figures = figuresIn(sentence);
    if (figures.length > 0) {
      reasons.push(`states a figure: ${figures.map((figure) => `${figure.text} ${figure.measure}`).join(", ")}`);
      score += WEIGHTS.figure;
    } else if (NUMBER.test(sentence)) {
      reasons.push("states a number");
      score += WEIGHTS.number;
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
    candidates.push({ start, end, score: Math.round(score * 100) / 100, reasons });
  }
  return candidates;
}
