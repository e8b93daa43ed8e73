/** Synthetic article texts and spans of `npm run bench` (deterministic: the same seed, the same text). */

/**
 * A deterministic text of about `length` UTF-16 units: Latin, Persian, emoji and other non-BMP characters, in
 * paragraphs.
 */
export function syntheticText(seed: number, length: number): string {
  const words = [
    "the",
    "ministry",
    "said",
    "villages",
    "were",
    "retaken",
    "critics",
    "called",
    "it",
    "propaganda",
    "آسواکا",
    "خبر",
    "😀",
    "🇺🇦",
    "𠀀𠀁",
    "Aśvaka",
    "résumé",
    "👩‍👩‍👧",
    "figures",
    "Monday",
  ];
  let state = seed * 7919 + 17;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648);
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const sentence = Array.from({ length: 8 + (next() % 12) }, () => words[next() % words.length]).join(" ");
    const piece = `${sentence[0]!.toUpperCase()}${sentence.slice(1)}.${next() % 5 === 0 ? "\n\n" : " "}`;
    parts.push(piece);
    size += piece.length;
  }
  const text = parts.join("").slice(0, length);
  // The cut must not leave half a surrogate pair.
  return (/[\ud800-\udbff]$/.test(text) ? text.slice(0, -1) : text).trimEnd();
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
