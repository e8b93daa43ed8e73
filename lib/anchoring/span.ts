/**
 * Spans are UTF-16 code unit offsets into an article text, end exclusive: the
 * same numbers as JavaScript string indices and DOM Range offsets.
 */

/** Up to this many code units of text before and after a quote are kept, to find it again after an edit. */
export const CONTEXT_LENGTH = 32;

export interface TextSpan {
  start: number;
  end: number;
  exact: string;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** True when `offset` falls between the two halves of a surrogate pair (inside an emoji, say). */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset < text.length &&
    isHighSurrogate(text.charCodeAt(offset - 1)) &&
    isLowSurrogate(text.charCodeAt(offset))
  );
}

const MAX_SHOWN = 40;

/** The text cut to at most `length` code units, with "…" when cut: for labels and messages. */
export function clipText(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

/** A string as JSON shows it (control characters visible), cut to a readable length. */
function shown(value: string): string {
  return JSON.stringify(clipText(value, MAX_SHOWN));
}

/**
 * Why `span` is not a span of `text`, in words, or null when it is one: start
 * and end are integers with `0 <= start < end <= text.length`, neither splits
 * a surrogate pair, and `text.slice(start, end) === exact`.
 */
export function describeSpanMismatch(text: string, { start, end, exact }: TextSpan): string | null {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return "start and end must be whole numbers";
  if (start < 0) return `start ${start} is before the beginning of the text`;
  if (end > text.length) return `end ${end} is past the end of the text (length ${text.length} UTF-16 code units)`;
  if (start >= end) return `start ${start} must be before end ${end}: a span cannot be empty`;
  for (const [name, offset] of [
    ["start", start],
    ["end", end],
  ] as const) {
    if (splitsSurrogatePair(text, offset)) {
      return (
        `${name} ${offset} splits a surrogate pair (an emoji or another character outside the Basic ` +
        `Multilingual Plane)`
      );
    }
  }
  const actual = text.slice(start, end);
  if (actual === exact) return null;
  let differsAt = 0;
  while (differsAt < actual.length && actual[differsAt] === exact[differsAt]) differsAt++;
  return (
    `the text at ${start}–${end} is ${shown(actual)}, not ${shown(exact)}: ` + `they differ from code unit ${differsAt}`
  );
}

/**
 * The text just before and after a span (up to CONTEXT_LENGTH code units
 * each), never starting or ending with half a surrogate pair.
 */
export function quoteContext(text: string, start: number, end: number): { prefix: string; suffix: string } {
  let prefixStart = Math.max(0, start - CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, prefixStart)) prefixStart += 1;
  let suffixEnd = Math.min(text.length, end + CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd -= 1;
  return { prefix: text.slice(prefixStart, start), suffix: text.slice(end, suffixEnd) };
}
