/**
 * Phrase suggestions, as INCEpTION's string-matching recommender makes them:
 * a passage the project has tagged is proposed, with the same tags, wherever
 * the same phrase occurs again (any case, on word boundaries, any script).
 */
export interface TaggedPhrase {
  /** The tagged passage in lower case. */
  phrase: string;
  tagIds: string[];
  /** How many annotations tag this phrase. */
  uses: number;
}

export interface PhraseOccurrence {
  start: number;
  end: number;
  tagIds: string[];
  uses: number;
}

let wordSegmenter: Intl.Segmenter | undefined;

/** The words of `text` (letters and digits, any script) with their offsets. */
function wordsOf(text: string): { word: string; start: number; end: number }[] {
  wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: "word" });
  const words: { word: string; start: number; end: number }[] = [];
  for (const { segment, index, isWordLike } of wordSegmenter.segment(text))
    if (isWordLike) words.push({ word: segment.toLowerCase(), start: index, end: index + segment.length });
  return words;
}

/**
 * Where the phrases occur in `text`, starting and ending on word boundaries;
 * offsets in UTF-16 code units. A phrase whose lower case changes its length
 * (rare letters such as "İ") is not looked for: its offsets would not hold.
 */
export function phraseOccurrences(text: string, phrases: TaggedPhrase[]): PhraseOccurrence[] {
  const byFirstWord = new Map<string, TaggedPhrase[]>();
  for (const phrase of phrases) {
    const [first] = wordsOf(phrase.phrase);
    if (first?.start !== 0) continue;
    const starting = byFirstWord.get(first.word) ?? [];
    starting.push(phrase);
    byFirstWord.set(first.word, starting);
  }
  const words = wordsOf(text);
  const wordEnds = new Set(words.map((word) => word.end));
  const found: PhraseOccurrence[] = [];
  for (const { word, start } of words) {
    for (const { phrase, tagIds, uses } of byFirstWord.get(word) ?? []) {
      const end = start + phrase.length;
      if (!wordEnds.has(end) || text.slice(start, end).toLowerCase() !== phrase) continue;
      found.push({ start, end, tagIds, uses });
    }
  }
  return found;
}
