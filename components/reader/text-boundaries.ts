/**
 * Where the caret goes when it moves by sentence or by paragraph through an
 * article's text (UTF-16 offsets). A paragraph is a line of the text, as the
 * reader renders it (components/articles/article-text.tsx); sentences come
 * from `Intl.Segmenter`, whose rules (Unicode's UAX #29) know the stops of
 * other scripts too, such as Persian's "؟". A sentence never spans two
 * paragraphs, so only the paragraphs around the caret are segmented.
 */
export type TextUnit = "sentence" | "paragraph";
export type TextDirection = "forward" | "backward";

const sentences = new Intl.Segmenter(undefined, { granularity: "sentence" });

/** The paragraph [start, end) holding `offset`; end is the line break's offset (or the text's length). */
function paragraphAt(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const lineBreak = text.indexOf("\n", offset);
  return { start, end: lineBreak === -1 ? text.length : lineBreak };
}

/** Offsets where the paragraph [start, end)'s sentences begin, its blank start skipped. */
function sentenceStarts(text: string, start: number, end: number): number[] {
  const starts: number[] = [];
  for (const { index, segment } of sentences.segment(text.slice(start, end))) {
    if (segment.trim() !== "") starts.push(start + index + (segment.length - segment.trimStart().length));
  }
  return starts;
}

/** Whether `offset` is where a paragraph with text begins. */
function isParagraphStart(text: string, offset: number): boolean {
  return offset < text.length && text[offset] !== "\n" && (offset === 0 || text[offset - 1] === "\n");
}

function nextParagraphStart(text: string, offset: number, direction: TextDirection): number {
  const step = direction === "forward" ? 1 : -1;
  for (let candidate = offset + step; candidate > 0 && candidate < text.length; candidate += step) {
    if (isParagraphStart(text, candidate)) return candidate;
  }
  return direction === "forward" ? text.length : 0;
}

function nextSentenceStart(text: string, offset: number, direction: TextDirection): number {
  let paragraph = paragraphAt(text, offset);
  for (;;) {
    const starts = sentenceStarts(text, paragraph.start, paragraph.end);
    const found =
      direction === "forward" ? starts.find((start) => start > offset) : starts.findLast((start) => start < offset);
    if (found !== undefined) return found;
    // None left in this paragraph: the first (or last) sentence of the next (or previous) paragraph with text.
    if (direction === "forward" ? paragraph.end >= text.length : paragraph.start === 0)
      return direction === "forward" ? text.length : 0;
    paragraph = paragraphAt(text, direction === "forward" ? paragraph.end + 1 : paragraph.start - 1);
  }
}

/**
 * The offset the caret moves to from `offset`: the start of the next
 * sentence or paragraph, or (backward) the start of the one it is in, or of
 * the previous one when it already stands at a start. The text's ends stop it.
 */
export function unitBoundary(text: string, offset: number, unit: TextUnit, direction: TextDirection): number {
  return unit === "sentence" ? nextSentenceStart(text, offset, direction) : nextParagraphStart(text, offset, direction);
}
