import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codePointConverter, snapToGraphemes } from "@/lib/anchoring";
import { canonicalizeText } from "@/lib/articles/text";
import { unicodeText } from "../../support/unicode-text";

describe("code point offsets (W3C TextPositionSelector) ↔ UTF-16 offsets", () => {
  it("counts what Array.from counts, and converts back exactly, for any offset off a surrogate half", () => {
    fc.assert(
      fc.property(unicodeText.map(canonicalizeText), fc.nat(), fc.nat(), (text, a, b) => {
        const { start, end } = snapToGraphemes(text, a % (text.length + 1), b % (text.length + 1));
        const converter = codePointConverter(text);
        for (const offset of [start, end, 0, text.length]) {
          const codePoints = converter.toCodePoints(offset);
          expect(codePoints).toBe(Array.from(text.slice(0, offset)).length);
          expect(converter.toUtf16(codePoints)).toBe(offset);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("handles the known offset traps: emoji, ZWJ families, flags before the span; refuses offsets past the end", () => {
    const text = "💩👨‍👩‍👧‍👦🇦🇫 آسواکا is here";
    const converter = codePointConverter(text);
    const start = text.indexOf("آسواکا");
    expect(converter.toCodePoints(start)).toBe(Array.from(text.slice(0, start)).length);
    expect(converter.toCodePoints(start)).toBe(start - 7);
    expect(converter.toUtf16(converter.toCodePoints(start))).toBe(start);
    expect(converter.toUtf16(Array.from(text).length)).toBe(text.length);
    expect(converter.toUtf16(Array.from(text).length + 1)).toBeNull();
    expect(converter.toUtf16(-1)).toBeNull();
  });
});
