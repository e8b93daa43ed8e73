import fc from "fast-check";

/**
 * Pieces other annotation tools got wrong: characters outside the Basic
 * Multilingual Plane (two UTF-16 code units), ZWJ sequences, flags,
 * combining marks, right-to-left script and marks, line breaks.
 */
export const TRICKY_PIECES = [
  "💩",
  "🤔🤔🤔🤔",
  "👨‍👩‍👧‍👦",
  "🏳️‍🌈",
  "🇦🇫",
  "e\u0301",
  "ñ",
  "آسواکا",
  "طالبان",
  "\u200f",
  "\u200e",
  "«نیروهای مقاومت»",
  "“quoted” — dash",
  "\r\n",
  "\n",
  "\n\n",
  " ",
  "\t",
];

/**
 * Random article text mixing random graphemes, random code points (kept
 * short: that generator is slow), ASCII words and the tricky pieces. NUL is
 * replaced (PostgreSQL text cannot hold it, so imports refuse it).
 */
export const unicodeText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
      { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 4 }) },
      { weight: 3, arbitrary: fc.constantFrom(...TRICKY_PIECES) },
      { weight: 3, arbitrary: fc.lorem({ maxCount: 3 }) },
    ),
    { minLength: 1, maxLength: 24 },
  )
  .map((pieces) => `Report: ${pieces.join("")}`.replaceAll("\u0000", " "));
