import bidiFactory from "bidi-js";
import { type Face, faceFor, fontName, lineMetrics, MISSING, type Weight } from "./fonts";

export interface TextStyle {
  weight: Weight;
  size: number;
  color: string;
}

export interface Span {
  text: string;
  style: TextStyle;
}

export type Direction = "ltr" | "rtl";

export interface Paragraph {
  spans: Span[];
  /** Of the paragraph: which side its lines start from and, unless `align` says otherwise, align to. */
  direction: Direction;
  align?: "left" | "right";
  /** Line height as a multiple of the largest font size. */
  lineHeight: number;
}

/**
 * A piece of a line set in one font, style and direction, `x` from the line's
 * left, its text in reading order (a right-to-left run is drawn reversed).
 * `actualText`: no face has these characters; they are drawn as boxes and
 * copy out as themselves.
 */
export interface TextRun {
  text: string;
  font: string;
  size: number;
  color: string;
  x: number;
  rightToLeft: boolean;
  actualText: string | null;
}

/** A filled rectangle, from the top left of its line. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
}

/** What pages are made of: a line of text, a bar or rule (boxes), or with neither, space. */
export interface LineBox {
  height: number;
  /** From the top of the line. */
  baseline: number;
  runs: TextRun[];
  boxes: Box[];
}

/** The advance width of `text` in a font at a size, in points. */
export type Measure = (text: string, font: string, size: number) => number;

const bidi = bidiFactory();
const graphemes = new Intl.Segmenter("und", { granularity: "grapheme" });
/**
 * Characters that make a paragraph need the bidirectional algorithm: right-to-left scripts and explicit direction
 * marks.
 */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200F\u202B\u202E\u2067]|[\uD802\uD803\uD83A\uD83B]/;
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;
/** Invisible formatting characters no face has: left out of the drawing rather than drawn as boxes. */
const IGNORED: Face = MISSING + 1;

/** Plain text a line can hold: line breaks as \n, tabs as spaces, no other control characters, no lone surrogates. */
function cleanText(text: string): string {
  return text
    .toWellFormed()
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/\t/g, " ")
    .replace(/(?!\n)\p{Cc}/gu, ""); // control characters but the line break (tabs are spaces by now)
}

/** A paragraph's text with, for each UTF-16 unit, its span and face. */
interface PreparedText {
  text: string;
  styles: TextStyle[];
  styleAt: Uint16Array;
  faceAt: Uint8Array;
}

function prepare(spans: Span[]): PreparedText {
  const texts = spans.map((span) => cleanText(span.text));
  const text = texts.join("");
  const styleAt = new Uint16Array(text.length);
  const faceAt = new Uint8Array(text.length);
  let at = 0;
  for (const [index, piece] of texts.entries()) {
    const { weight } = spans[index]!.style;
    styleAt.fill(index, at, at + piece.length);
    for (let offset = 0; offset < piece.length; offset++) {
      const codePoint = piece.codePointAt(offset)!;
      let face = faceFor(codePoint, weight);
      if (face === MISSING && INVISIBLE.test(String.fromCodePoint(codePoint))) face = IGNORED;
      faceAt[at + offset] = face;
      if (codePoint > 0xffff) faceAt[at + ++offset] = face;
    }
    at += piece.length;
  }
  return { text, styles: spans.map((span) => span.style), styleAt, faceAt };
}

/**
 * What is drawn for a piece of text in a face: itself, or for characters no
 * face has, a box per grapheme (the fonts' own empty glyph would do, but pdfkit
 * writes its width unscaled, so the text after it would overlap it).
 */
function drawnText(text: string, face: Face): string {
  return face === MISSING ? "□".repeat([...graphemes.segment(text)].length) : text;
}

const LONGEST_WHOLE_WORD = 1_000;
const isSpace = (code: number) =>
  code === 0x20 ||
  code === 0x1680 ||
  (code >= 0x2000 && code <= 0x200a && code !== 0x2007) ||
  code === 0x205f ||
  code === 0x3000;

/** Measures ranges of a paragraph's text, each piece in its own face and size. */
class Measurer {
  constructor(
    private readonly prepared: PreparedText,
    private readonly measure: Measure,
  ) {}

  width(from: number, to: number): number {
    const { text, styles, styleAt, faceAt } = this.prepared;
    let width = 0;
    for (let start = from; start < to; ) {
      let end = start + 1;
      while (end < to && styleAt[end] === styleAt[start] && faceAt[end] === faceAt[start]) end++;
      const face = faceAt[start]!;
      const style = styles[styleAt[start]!]!;
      if (face !== IGNORED)
        width += this.measure(drawnText(text.slice(start, end), face), fontName(face, style.weight), style.size);
      start = end;
    }
    return width;
  }
}

/**
 * The lines of one paragraph without line breaks, as [from, to) ranges of the
 * text without their trailing spaces: words (with the spaces after them) as
 * long as they fit, a word wider than a line cut between graphemes.
 */
function* breakLines(
  prepared: PreparedText,
  measurer: Measurer,
  start: number,
  end: number,
  width: number,
): Generator<[number, number]> {
  const { text } = prepared;
  let lineStart = start;
  let lineEnd = start;
  let x = 0;
  for (let wordStart = start; wordStart < end; ) {
    let contentEnd = wordStart;
    while (contentEnd < end && !isSpace(text.charCodeAt(contentEnd))) contentEnd++;
    let wordEnd = contentEnd;
    while (wordEnd < end && isSpace(text.charCodeAt(wordEnd))) wordEnd++;
    // A word this long is wider than any line: it is cut into graphemes without being shaped whole first.
    const wordWidth = contentEnd - wordStart > LONGEST_WHOLE_WORD ? Infinity : measurer.width(wordStart, contentEnd);
    if (x > 0 && x + wordWidth > width) {
      yield [lineStart, lineEnd];
      lineStart = wordStart;
      x = 0;
    }
    if (x === 0 && wordWidth > width) {
      for (const { index, segment } of graphemes.segment(text.slice(wordStart, contentEnd))) {
        const at = wordStart + index;
        const graphemeWidth = measurer.width(at, at + segment.length);
        if (x > 0 && x + graphemeWidth > width) {
          yield [lineStart, at];
          lineStart = at;
          x = 0;
        }
        x += graphemeWidth;
      }
    } else {
      x += wordWidth;
    }
    lineEnd = contentEnd;
    x += measurer.width(contentEnd, wordEnd);
    wordStart = wordEnd;
  }
  yield [lineStart, lineEnd];
}

/** Sets the lines of one paragraph without line breaks: runs in display order, placed from the left. */
class LineSetter {
  private readonly line: string;
  private readonly embedding: ReturnType<typeof bidi.getEmbeddingLevels> | null;
  /** Brackets and the like in right-to-left runs, by index in the line: the character drawn for each. */
  private readonly mirrored: Map<number, string>;

  constructor(
    private readonly prepared: PreparedText,
    private readonly measure: Measure,
    private readonly start: number,
    end: number,
    direction: Direction,
    private readonly alignRight: boolean,
  ) {
    this.line = prepared.text.slice(start, end);
    this.embedding =
      direction === "rtl" || RIGHT_TO_LEFT.test(this.line) ? bidi.getEmbeddingLevels(this.line, direction) : null;
    this.mirrored = this.embedding ? bidi.getMirroredCharactersMap(this.line, this.embedding.levels) : new Map();
  }

  /** The indexes of the text [from, to) in display order. */
  private displayOrder(from: number, to: number): Int32Array {
    const order = new Int32Array(to - from);
    for (let offset = 0; offset < order.length; offset++) order[offset] = from + offset;
    if (this.embedding && to > from) {
      const base = from - this.start;
      for (const segment of bidi.getReorderSegments(this.line, this.embedding, base, base + (to - from) - 1))
        order.subarray(segment[0]! - base, segment[1]! - base + 1).reverse();
    }
    return order;
  }

  /** The runs of the text [from, to), aligned within `width` to the paragraph's side. */
  runs(from: number, to: number, width: number): TextRun[] {
    const { text, styles, styleAt, faceAt } = this.prepared;
    const levels = this.embedding?.levels;
    const isRightToLeft = (index: number) => levels !== undefined && (levels[index - this.start]! & 1) === 1;
    const isMirrored = (index: number) => this.mirrored.size > 0 && this.mirrored.has(index - this.start);
    const order = this.displayOrder(from, to);
    const runs: TextRun[] = [];
    let x = 0;
    for (let first = 0; first < order.length; ) {
      const at = order[first]!;
      const rightToLeft = isRightToLeft(at);
      const step = rightToLeft ? -1 : 1;
      const mirror = this.mirrored.get(at - this.start);
      let last = first;
      while (
        mirror === undefined &&
        last + 1 < order.length &&
        !isMirrored(order[last + 1]!) &&
        order[last + 1] === order[last]! + step &&
        faceAt[order[last + 1]!] === faceAt[at] &&
        styleAt[order[last + 1]!] === styleAt[at] &&
        isRightToLeft(order[last + 1]!) === rightToLeft
      ) {
        last++;
      }
      const face = faceAt[at]!;
      if (face !== IGNORED) {
        const style = styles[styleAt[at]!]!;
        const font = fontName(face, style.weight);
        const logical = text.slice(Math.min(at, order[last]!), Math.max(at, order[last]!) + 1);
        const runText = mirror ?? drawnText(logical, face);
        const actualText = face === MISSING ? logical : null;
        runs.push({
          text: runText,
          font,
          size: style.size,
          color: style.color,
          x,
          rightToLeft: rightToLeft && actualText === null,
          actualText,
        });
        x += this.measure(runText, font, style.size);
      }
      first = last + 1;
    }
    if (this.alignRight) for (const run of runs) run.x += width - x;
    return runs;
  }
}

/**
 * Breaks a paragraph into lines of at most `width` points: between words
 * (after spaces, and at line breaks), inside a word only when it is wider
 * than a line. Each line is ordered for display by the Unicode bidirectional
 * algorithm (bidi-js), so Persian reads right to left with English and
 * numbers inside it left to right; right-to-left paragraphs align right
 * unless told otherwise.
 */
export function layoutParagraph(paragraph: Paragraph, width: number, measure: Measure): LineBox[] {
  const prepared = prepare(paragraph.spans);
  const measurer = new Measurer(prepared, measure);
  const size = Math.max(...paragraph.spans.map((span) => span.style.size));
  const height = size * paragraph.lineHeight;
  const { ascent, descent } = lineMetrics();
  // As CSS does: the font's ascent and descent centred in the line.
  const baseline = (height - (ascent + descent) * size) / 2 + ascent * size;
  const lines: LineBox[] = [];
  const { text } = prepared;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf("\n", start);
    const end = newline < 0 ? text.length : newline;
    const setter = new LineSetter(
      prepared,
      measure,
      start,
      end,
      paragraph.direction,
      (paragraph.align ?? (paragraph.direction === "rtl" ? "right" : "left")) === "right",
    );
    for (const [from, to] of breakLines(prepared, measurer, start, end, width))
      lines.push({ height, baseline, runs: setter.runs(from, to, width), boxes: [] });
    start = end + 1;
  }
  return lines;
}

/** The direction of a text's first strong character (left to right when it has none), as a paragraph of it reads. */
export function directionOf(text: string): Direction {
  for (const character of text) {
    const type = bidi.getBidiCharTypeName(character);
    if (type === "L") return "ltr";
    if (type === "R" || type === "AL") return "rtl";
  }
  return "ltr";
}
