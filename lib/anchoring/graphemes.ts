/**
 * Selections made in the browser are widened to whole grapheme clusters
 * (what a reader sees as one character: an emoji with its modifiers, a
 * letter with its combining marks, a flag), so a span never cuts one apart.
 */

/** How far around an offset to segment: far longer than any real grapheme cluster. */
const SEGMENT_WINDOW = 64;
/** How much further back to look for white space, before which a cluster boundary always lies. */
const BOUNDARY_SEARCH = 1024;

let segmenter: Intl.Segmenter | undefined;
function graphemeSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return segmenter;
}

/**
 * Where to start segmenting to get the clusters around `offset` right: a
 * position before white space (always a cluster boundary), so that a run of
 * flags, say, is not paired up from its middle.
 */
function windowStartBefore(text: string, offset: number): number {
  let start = Math.max(0, offset - SEGMENT_WINDOW);
  const limit = Math.max(0, start - BOUNDARY_SEARCH);
  while (start > limit && !/\s/.test(text[start]!)) start--;
  return start;
}

/** The start of the grapheme cluster containing the code unit at `offset` (or `offset` at a boundary). */
function clusterStartAt(text: string, offset: number): number {
  if (offset <= 0 || offset >= text.length) return Math.max(0, Math.min(offset, text.length));
  const windowStart = windowStartBefore(text, offset);
  const windowText = text.slice(windowStart, Math.min(text.length, offset + SEGMENT_WINDOW));
  const segment = graphemeSegmenter()
    .segment(windowText)
    .containing(offset - windowStart);
  return segment ? windowStart + segment.index : offset;
}

/** The end of the grapheme cluster containing the code unit before `offset` (or `offset` at a boundary). */
function clusterEndAt(text: string, offset: number): number {
  if (offset <= 0 || offset >= text.length) return Math.max(0, Math.min(offset, text.length));
  const start = clusterStartAt(text, offset);
  if (start === offset) return offset;
  const windowStart = windowStartBefore(text, start);
  const windowText = text.slice(windowStart, Math.min(text.length, offset + SEGMENT_WINDOW));
  const segment = graphemeSegmenter()
    .segment(windowText)
    .containing(start - windowStart);
  return segment ? windowStart + segment.index + segment.segment.length : offset;
}

/** Widens a span so that both ends fall on grapheme cluster boundaries. */
export function snapToGraphemes(text: string, start: number, end: number): { start: number; end: number } {
  return { start: clusterStartAt(text, start), end: Math.max(clusterStartAt(text, start), clusterEndAt(text, end)) };
}

/**
 * A browser selection made fit to store: ends ordered and clamped to the
 * text, surrounding white space (line breaks included) left out, widened to
 * whole grapheme clusters. Null when nothing is left.
 */
export function normalizeSelection(text: string, from: number, to: number): { start: number; end: number } | null {
  let start = Math.max(0, Math.min(from, to, text.length));
  let end = Math.min(text.length, Math.max(from, to, 0));
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (start === end) return null;
  return snapToGraphemes(text, start, end);
}
