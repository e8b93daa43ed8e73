import { describe, expect, it } from "vitest";
import { articleText, canonicalizeText, MAX_ARTICLE_TEXT_LENGTH } from "@/lib/articles/text";

describe("canonicalizeText", () => {
  it("turns CRLF and lone CR into LF", () => {
    expect(canonicalizeText("a\r\nb\rc\nd\r\n\r\ne")).toBe("a\nb\nc\nd\n\ne");
  });

  it("normalises to NFC", () => {
    expect(canonicalizeText("Cafe\u0301")).toBe("Caf\u00e9");
    expect(canonicalizeText("\u1100\u1161")).toBe("\uac00"); // Hangul jamo compose
  });

  it("changes nothing else: spaces, tabs, blank lines, HTML, emoji, RTL text", () => {
    const text = "  lead\t\n\n\n<script>x</script> 👨‍👩‍👧‍👦 🇦🇫 آسواکا “quotes” — dash ";
    expect(canonicalizeText(text)).toBe(text);
  });

  it("is idempotent", () => {
    const raw = "x\r\ny\u0301\r";
    expect(canonicalizeText(canonicalizeText(raw))).toBe(canonicalizeText(raw));
  });
});

describe("articleText", () => {
  it("accepts and canonicalises", () => {
    expect(articleText.parse("a\r\nb")).toBe("a\nb");
  });

  it("refuses empty and whitespace-only texts", () => {
    expect(articleText.safeParse("").success).toBe(false);
    expect(articleText.safeParse(" \n\t ").success).toBe(false);
  });

  it("limits the length in UTF-16 code units", () => {
    expect(articleText.safeParse("a".repeat(MAX_ARTICLE_TEXT_LENGTH)).success).toBe(true);
    expect(articleText.safeParse("a".repeat(MAX_ARTICLE_TEXT_LENGTH + 1)).success).toBe(false);
    // 500,001 emoji are 1,000,002 code units.
    expect(articleText.safeParse("😀".repeat(500_001)).success).toBe(false);
  });

  it("refuses lone surrogates and NUL, which PostgreSQL cannot store faithfully", () => {
    expect(articleText.safeParse("a\ud800b").success).toBe(false);
    expect(articleText.safeParse("a\udc00").success).toBe(false);
    expect(articleText.safeParse("a\u0000b").success).toBe(false);
    expect(articleText.safeParse("a😀b").success).toBe(true);
  });
});
