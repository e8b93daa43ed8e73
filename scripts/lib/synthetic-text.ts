/** Synthetic article texts and spans of `npm run bench` (deterministic: the same seed, the same text). */

/**
 * A deterministic text of about `length` UTF-16 units (never ending in half a
 * surrogate pair), made of the sentences `sentence` writes: the `index`th,
 * with `next()` giving the next number of a linear congruential generator
 * seeded by `seed`.
 */
function generatedText(seed: number, length: number, sentence: (index: number, next: () => number) => string): string {
  let state = seed * 7919 + 17;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648);
  let text = "";
  for (let index = 0; text.length < length; index++) text += sentence(index, next);
  text = text.slice(0, length);
  return (/[\ud800-\udbff]$/.test(text) ? text.slice(0, -1) : text).trimEnd();
}

/** The English words of both kinds of text. */
const WORDS = ["the", "ministry", "said", "villages", "were", "retaken", "critics", "called", "it", "propaganda"];

const MIXED_WORDS = [...WORDS, "آسواکا", "خبر", "😀", "🇺🇦", "𠀀𠀁", "Aśvaka", "résumé", "👩‍👩‍👧", "figures", "Monday"];

/**
 * A deterministic text of about `length` UTF-16 units: Latin, Persian, emoji and other non-BMP characters, in
 * paragraphs.
 */
export function syntheticText(seed: number, length: number): string {
  return generatedText(seed, length, (_index, next) => {
    const sentence = Array.from({ length: 8 + (next() % 12) }, () => MIXED_WORDS[next() % MIXED_WORDS.length]).join(
      " ",
    );
    return `${sentence[0]!.toUpperCase()}${sentence.slice(1)}.${next() % 5 === 0 ? "\n\n" : " "}`;
  });
}

const ENGLISH_WORDS = [...WORDS, "figures", "on", "Monday", "(three)", "résumé", "😀", "Aśvaka", "🇺🇦"];

const PERSIAN_WORDS = [
  "نیروهای",
  "مقاومت",
  "سه",
  "ولسوالی",
  "را",
  "پس",
  "گرفتند",
  "طالبان",
  "گزارش",
  "داد",
  "۱۴۰۰",
  "(به گفته منابع)",
  "آسواکا",
  "𠀀",
];

/**
 * An article for the PDF report: paragraphs of English and Persian sentences (one in three Persian), with emoji, a flag
 * and a character outside the BMP no font has.
 */
export function reportText(seed: number, length: number): string {
  return generatedText(seed, length, (index, next) => {
    const words = index % 3 === 1 ? PERSIAN_WORDS : ENGLISH_WORDS;
    // The high bits of the generator: its low bits repeat after a few steps.
    const sentence = Array.from({ length: 8 + (index % 11) }, () => words[(next() >>> 8) % words.length]).join(" ");
    return `${sentence}.${index % 4 === 3 ? "\n" : " "}`;
  });
}

/** `count` spans spread over the text, 20–120 units long, never splitting a surrogate pair. */
export function spansOver(text: string, count: number): { start: number; end: number }[] {
  const isLow = (index: number) => index < text.length && (text.charCodeAt(index) & 0xfc00) === 0xdc00;
  const step = Math.floor((text.length - 130) / count);
  return Array.from({ length: count }, (_, index) => {
    let start = index * step;
    let end = Math.min(text.length, start + 20 + ((index * 37) % 100));
    if (isLow(start)) start++;
    if (isLow(end)) end++;
    return { start, end };
  });
}
