import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AnchorResult,
  describeSpanMismatch,
  quoteContext,
  reanchorAll,
  snapToGraphemes,
  splitsSurrogatePair,
  type StoredAnchor,
} from "@/lib/anchoring";
import { canonicalizeText } from "@/lib/articles/text";
import { unicodeText } from "../../support/unicode-text";

const RUNS = { numRuns: 1000 };

/** Article texts as stored: canonical. */
const articleText = unicodeText.map(canonicalizeText);

/** A random non-empty span of `text`, snapped to grapheme clusters as the reader snaps selections. */
function spanFrom(text: string, a: number, b: number) {
  const from = a % text.length;
  const to = from + 1 + (b % (text.length - from));
  const { start, end } = snapToGraphemes(text, from, to);
  return { start, end, exact: text.slice(start, end) };
}

function anchorFrom(text: string, a: number, b: number): StoredAnchor {
  const span = spanFrom(text, a, b);
  return { ...span, ...quoteContext(text, span.start, span.end) };
}

/** One edit: replace [at, at + removed) of the text by `inserted`, kept off surrogate halves. */
const editArbitrary = fc.record({
  at: fc.nat(),
  removed: fc.nat({ max: 40 }),
  inserted: fc.oneof(
    unicodeText.map((text) => text.slice(8)),
    fc.constant(""),
  ),
});
type Edit = { at: number; removed: number; inserted: string };

function applyEdit(text: string, { at, removed, inserted }: Edit) {
  let start = at % (text.length + 1);
  if (splitsSurrogatePair(text, start)) start -= 1;
  let end = Math.min(text.length, start + removed);
  if (splitsSurrogatePair(text, end)) end += 1;
  return { start, end, newText: canonicalizeText(text.slice(0, start) + inserted + text.slice(end)) };
}

/**
 * Whether the region an edit from `text` to `newText` must at least have
 * changed, taken from either end (common start first, as the diff does),
 * reaches into the span: then an edit that covers the span explains the
 * new text as well as the one made.
 */
function editCanCoverSpan(text: string, newText: string, span: { start: number; end: number }): boolean {
  const shorter = Math.min(text.length, newText.length);
  let head = 0;
  while (head < shorter && text[head] === newText[head]) head++;
  let tail = 0;
  while (tail < shorter - head && text[text.length - 1 - tail] === newText[newText.length - 1 - tail]) tail++;
  return span.start < text.length - tail && span.end > head;
}

function expectFoundOrKept(result: AnchorResult, anchor: StoredAnchor, newText: string) {
  expect(["exact", "moved", "fuzzy", "orphaned"]).toContain(result.state);
  if (result.state === "orphaned") {
    expect(result).toEqual({
      state: "orphaned",
      start: anchor.start,
      end: anchor.end,
      exact: anchor.exact,
      prefix: anchor.prefix,
      suffix: anchor.suffix,
    });
    return;
  }
  expect(describeSpanMismatch(newText, result)).toBeNull();
  expect(result).toMatchObject(quoteContext(newText, result.start, result.end));
  if (result.state !== "fuzzy") expect(result.exact).toBe(anchor.exact);
}

describe("properties of spans over any Unicode text", () => {
  it("a snapped span is valid, and its context is at most 32 well-formed code units", () => {
    fc.assert(
      fc.property(articleText, fc.nat(), fc.nat(), (text, a, b) => {
        const span = spanFrom(text, a, b);
        expect(describeSpanMismatch(text, span)).toBeNull();
        const { prefix, suffix } = quoteContext(text, span.start, span.end);
        expect(prefix.length).toBeLessThanOrEqual(32);
        expect(suffix.length).toBeLessThanOrEqual(32);
        expect(prefix.isWellFormed() && suffix.isWellFormed()).toBe(true);
        expect(text.slice(0, span.start).endsWith(prefix) && text.slice(span.end).startsWith(suffix)).toBe(true);
        // Snapping twice changes nothing: the ends are grapheme boundaries.
        expect(snapToGraphemes(text, span.start, span.end)).toEqual({ start: span.start, end: span.end });
      }),
      RUNS,
    );
  });
});

describe("properties of re-anchoring", () => {
  it("never loses an annotation: each is exact, moved, fuzzy or orphaned, and every found one is a valid span", () => {
    fc.assert(
      fc.property(
        articleText,
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 5 }),
        fc.array(editArbitrary, { minLength: 1, maxLength: 3 }),
        (text, picks, edits) => {
          const anchors = picks.map(([a, b]) => anchorFrom(text, a, b));
          const newText = edits.reduce((current, edit) => applyEdit(current, edit).newText, text);
          const results = reanchorAll(text, newText, anchors);
          expect(results).toHaveLength(anchors.length);
          for (const [index, result] of results.entries()) expectFoundOrKept(result, anchors[index]!, newText);
        },
      ),
      RUNS,
    );
  });

  it("finds a span exactly, at its shifted place, when the edit lies wholly before or after it", () => {
    fc.assert(
      fc.property(articleText, fc.nat(), fc.nat(), editArbitrary, (text, a, b, edit) => {
        const anchor = anchorFrom(text, a, b);
        const { start, end, newText } = applyEdit(text, edit);
        const before = end <= anchor.start;
        fc.pre(before || start >= anchor.end);
        // Canonicalisation (NFC across the seam, CRLF) may change the edit's size: measure it on the result.
        const shift = before ? newText.length - text.length : 0;
        fc.pre(newText.slice(anchor.start + shift, anchor.end + shift) === anchor.exact);
        const [result] = reanchorAll(text, newText, [anchor]);
        // Around repeated text the same new text also comes from an edit over the span ("a🤔🤔" → "a🤔" may lose
        // either 🤔): the span is then rightly searched for, and found as moved.
        expect(result!.state).toEqual(
          editCanCoverSpan(text, newText, anchor) ? expect.stringMatching(/^(exact|moved)$/) : "exact",
        );
        expect(result!.exact).toBe(anchor.exact);
        // Another, equally good diff may place the edit on the other side of a repeated quote.
        expect(Math.abs(result!.start - (anchor.start + shift))).toBeLessThanOrEqual(
          Math.max(end - start, edit.inserted.length),
        );
      }),
      RUNS,
    );
  });
});
