import { describe, expect, it } from "vitest";
import {
  describeSpanMismatch,
  normalizeSelection,
  quoteContext,
  snapToGraphemes,
  splitsSurrogatePair,
} from "@/lib/anchoring";

/** The span of `quote` in `text` by JavaScript's own indices. */
const spanOf = (text: string, quote: string) => {
  const start = text.indexOf(quote);
  return { start, end: start + quote.length, exact: quote };
};

// Offset bugs other annotation tools had: characters outside the BMP before the span.
const FIXTURES: [string, string, string][] = [
  ["an emoji before the span", "💩This is an annotation.", "This is an annotation"],
  ["a ZWJ family before the span", "👨‍👩‍👧‍👦This is an annotation.", "This is an annotation"],
  ["four emoji before the span", "🤔🤔🤔🤔This is an annotation.", "This is an annotation"],
  ["a flag before the span", "🇦🇫 This is an annotation.", "This is an annotation"],
  ["combining marks before the span", "Cafe\u0301 e\u0301te\u0301: This is an annotation.", "This is an annotation"],
  ["Persian text", "خبرگزاری آسواکا: نیروهای مقاومت سه ولسوالی را پس گرفتند.", "نیروهای مقاومت"],
];

describe("spans in UTF-16 code units", () => {
  it.each(FIXTURES)("accepts JavaScript's offsets with %s", (_name, text, quote) => {
    const span = spanOf(text, quote);
    expect(describeSpanMismatch(text, span)).toBeNull();
    const { prefix, suffix } = quoteContext(text, span.start, span.end);
    expect(text.slice(0, span.start).endsWith(prefix)).toBe(true);
    expect(text.slice(span.end).startsWith(suffix)).toBe(true);
  });

  it("counts an emoji as two code units, as the DOM does", () => {
    expect(spanOf("💩This is an annotation.", "This")).toEqual({ start: 2, end: 6, exact: "This" });
    expect(spanOf("🤔🤔🤔🤔This", "This").start).toBe(8);
  });

  it("says what differs", () => {
    const text = "💩This is an annotation.";
    expect(describeSpanMismatch(text, { start: 2, end: 6, exact: "That" })).toBe(
      'the text at 2–6 is "This", not "That": they differ from code unit 2',
    );
    expect(describeSpanMismatch(text, { start: 1, end: 6, exact: "\uDCA9This" })).toMatch(
      /start 1 splits a surrogate pair/,
    );
    expect(describeSpanMismatch(text, { start: 0, end: 1, exact: "\uD83D" })).toMatch(/end 1 splits a surrogate pair/);
    expect(describeSpanMismatch(text, { start: 2, end: 99, exact: "x" })).toMatch(
      /end 99 is past the end of the text \(length 24/,
    );
    expect(describeSpanMismatch(text, { start: 5, end: 5, exact: "" })).toMatch(/cannot be empty/);
    expect(describeSpanMismatch(text, { start: -1, end: 5, exact: "" })).toMatch(/before the beginning/);
    expect(describeSpanMismatch(text, { start: 0.5, end: 5, exact: "" })).toMatch(/whole numbers/);
    expect(describeSpanMismatch("a\nb", { start: 0, end: 3, exact: "a b" })).toContain('"a\\nb"');
  });

  it("keeps prefix and suffix to 32 code units without half a surrogate pair", () => {
    // 33 code units before the quote: the 32nd from the end is the low half of the emoji, so it is left out.
    const text = `💩${"x".repeat(31)}QUOTE${"y".repeat(31)}💩`;
    const span = spanOf(text, "QUOTE");
    const { prefix, suffix } = quoteContext(text, span.start, span.end);
    expect(prefix).toBe("x".repeat(31));
    expect(suffix).toBe("y".repeat(31));
    expect(quoteContext(`${"x".repeat(30)}💩QUOTE`, 32, 37).prefix).toBe(`${"x".repeat(30)}💩`);
    expect(quoteContext("QUOTE💩", 0, 5).suffix).toBe("💩");
    expect(splitsSurrogatePair(text, 1)).toBe(true);
  });
});

describe("selections snapped to whole characters", () => {
  it("never splits a grapheme cluster", () => {
    const family = "👨‍👩‍👧‍👦";
    const text = `a ${family} b 🇦🇫🇺🇸 e\u0301 c`;
    const familyStart = text.indexOf(family);
    expect(snapToGraphemes(text, familyStart + 3, familyStart + 5)).toEqual({
      start: familyStart,
      end: familyStart + family.length,
    });
    const flags = text.indexOf("🇦🇫");
    expect(snapToGraphemes(text, flags + 2, flags + 6)).toEqual({ start: flags, end: flags + 8 });
    const accent = text.indexOf("e\u0301");
    expect(snapToGraphemes(text, accent, accent + 1)).toEqual({ start: accent, end: accent + 2 });
    expect(snapToGraphemes(text, 0, 1)).toEqual({ start: 0, end: 1 });
  });

  it("pairs flags from the start of their run, not from the window's", () => {
    const flags = "🇦🇫".repeat(40); // 160 code units, longer than the segmentation window
    const text = `x ${flags} y`;
    const secondHalfOfAFlag = 2 + 100 + 2; // inside the 26th flag's second regional indicator
    const snapped = snapToGraphemes(text, secondHalfOfAFlag, secondHalfOfAFlag + 1);
    expect((snapped.start - 2) % 4).toBe(0);
    expect((snapped.end - 2) % 4).toBe(0);
  });

  it("orders, clamps and trims a selection", () => {
    const text = "  Hello 💩\n\nworld  ";
    expect(normalizeSelection(text, 17, 0)).toEqual({ start: 2, end: 17 });
    expect(normalizeSelection(text, 0, 2)).toBeNull();
    expect(normalizeSelection(text, 8, 9)).toEqual({ start: 8, end: 10 });
    expect(normalizeSelection(text, -5, 500)).toEqual({ start: 2, end: 17 });
  });
});
