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

/** Scripts written without spaces between words: each of their characters counts as a word. */
const UNSPACED = String.raw`\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}`;
/**
 * A word: a run of letters, marks and digits, of any script. A regular
 * expression, not Intl.Segmenter: segmenting 50,000 characters into words
 * takes the segmenter some 150 ms, this some 5.
 */
const WORD = new RegExp(String.raw`[${UNSPACED}]|(?:(?![${UNSPACED}])[\p{L}\p{M}\p{N}])+`, "gu");

/** Where the words of `text` start and end. */
function wordBounds(text: string): { start: number; end: number }[] {
  return Array.from(text.matchAll(WORD), (word) => ({ start: word.index, end: word.index + word[0].length }));
}

/**
 * Text in lower case with the offsets of the text: a character whose lower
 * case is longer (rare letters such as "İ") stays as it is, and no phrase,
 * being lower case, matches over it.
 */
function lowerCaseInPlace(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return Array.from(text, (character) => {
    const lowered = character.toLowerCase();
    return lowered.length === character.length ? lowered : character;
  }).join("");
}

/** A rolling hash of strings (polynomial, modulo 2³²): the hash of any slice of a text in two operations. */
const BASE = 0x01000193;
function prefixHashes(text: string): Int32Array {
  const hashes = new Int32Array(text.length + 1);
  for (let index = 0; index < text.length; index++)
    hashes[index + 1] = (Math.imul(hashes[index]!, BASE) + text.charCodeAt(index)) | 0;
  return hashes;
}
function hashOf(text: string): number {
  let hash = 0;
  for (let index = 0; index < text.length; index++) hash = (Math.imul(hash, BASE) + text.charCodeAt(index)) | 0;
  return hash;
}
/** Small integers: the Map keys V8 hashes fastest. */
const key = (hash: number) => hash & 0x3fffffff;

/** Phrases ready to be looked up by the hash of a run of words; built once, used for many texts. */
export interface PhraseIndex {
  byHash: Map<number, TaggedPhrase[]>;
  longest: number;
}

export function indexPhrases(phrases: Iterable<TaggedPhrase>): PhraseIndex {
  const byHash = new Map<number, TaggedPhrase[]>();
  let longest = 0;
  for (const phrase of phrases) {
    const hash = key(hashOf(phrase.phrase));
    const colliding = byHash.get(hash);
    if (colliding) colliding.push(phrase);
    else byHash.set(hash, [phrase]);
    longest = Math.max(longest, phrase.phrase.length);
  }
  return { byHash, longest };
}

/**
 * Where the phrases of the indexes occur in `text`, starting and ending on
 * word boundaries; offsets in UTF-16 code units. Each run of words of the
 * text no longer than the longest phrase is looked up by its hash, so the
 * cost follows the text, not the number of phrases. `skip` leaves phrases out
 * (those an index after holds as they are now).
 */
export function findPhrases(
  text: string,
  indexes: PhraseIndex[],
  skip: (phrase: string, index: number) => boolean = () => false,
): PhraseOccurrence[] {
  const longest = Math.max(0, ...indexes.map((index) => index.longest));
  const lower = lowerCaseInPlace(text);
  const hashes = prefixHashes(lower);
  const powers = new Int32Array(longest + 1);
  powers[0] = 1;
  for (let length = 1; length <= longest; length++) powers[length] = Math.imul(powers[length - 1]!, BASE);
  const words = wordBounds(text);
  const found: PhraseOccurrence[] = [];
  for (let first = 0; first < words.length; first++) {
    const start = words[first]!.start;
    for (let last = first; last < words.length && words[last]!.end - start <= longest; last++) {
      const end = words[last]!.end;
      const hash = key(hashes[end]! - Math.imul(hashes[start]!, powers[end - start]!));
      for (const [position, index] of indexes.entries())
        for (const phrase of index.byHash.get(hash) ?? [])
          if (
            phrase.phrase.length === end - start &&
            lower.startsWith(phrase.phrase, start) &&
            !skip(phrase.phrase, position)
          )
            found.push({ start, end, tagIds: phrase.tagIds, uses: phrase.uses });
    }
  }
  return found;
}

/** Where the phrases occur in `text` (findPhrases with one index built for it). */
export function phraseOccurrences(text: string, phrases: TaggedPhrase[]): PhraseOccurrence[] {
  return findPhrases(text, [indexPhrases(phrases)]);
}
