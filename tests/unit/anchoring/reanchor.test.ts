import { describe, expect, it } from "vitest";
import { createEditMap, quoteContext, reanchorAll, type StoredAnchor } from "@/lib/anchoring";

/** An anchor on the first copy of `quote` in `text`, as the server stores it. */
function anchorOn(text: string, quote: string, occurrence = 0): StoredAnchor {
  let start = -1;
  for (let seen = 0; seen <= occurrence; seen++) start = text.indexOf(quote, start + 1);
  if (start < 0) throw new Error(`"${quote}" is not in the text`);
  return { start, end: start + quote.length, exact: quote, ...quoteContext(text, start, start + quote.length) };
}

const TEXT =
  "Resistance forces retook three districts in Baghlan province on Friday, a spokesman said. " +
  "The Taliban were losing fighters by the hundreds each day, according to local sources.";
const QUOTE = "losing fighters by the hundreds each day";

describe("the edit map", () => {
  it("shifts offsets after an insertion and keeps those before it", () => {
    const map = createEditMap("abcdef", "abcXYZdef")!;
    expect(map.mapOffset(2, "after")).toBe(2);
    expect(map.mapOffset(3, "before")).toBe(3);
    expect(map.mapOffset(3, "after")).toBe(6);
    expect(map.mapOffset(5, "after")).toBe(8);
  });

  it("sends offsets inside removed text to the edges of what replaced it", () => {
    const map = createEditMap("abcdefgh", "abXgh")!;
    expect(map.mapOffset(4, "before")).toBe(2);
    expect(map.mapOffset(4, "after")).toBe(3);
    expect(map.mapOffset(7, "after")).toBe(4);
  });
});

describe("re-anchoring after a text edit", () => {
  const reanchorOne = (newText: string, anchor: StoredAnchor) => reanchorAll(TEXT, newText, [anchor])[0]!;

  it("finds a span exactly when text is inserted before it", () => {
    const newText = `BREAKING: ${TEXT}`;
    expect(reanchorOne(newText, anchorOn(TEXT, QUOTE))).toMatchObject({ state: "exact", ...anchorOn(newText, QUOTE) });
  });

  it("finds a span exactly when text is inserted after it, or right at its edges", () => {
    expect(reanchorOne(`${TEXT} More later.`, anchorOn(TEXT, QUOTE))).toMatchObject({
      state: "exact",
      start: TEXT.indexOf(QUOTE),
    });
    const atEdges = TEXT.replace(QUOTE, `[${QUOTE}]`);
    expect(reanchorOne(atEdges, anchorOn(TEXT, QUOTE))).toMatchObject({ state: "exact", ...anchorOn(atEdges, QUOTE) });
  });

  it("finds a span fuzzily when text is inserted inside it", () => {
    const newText = TEXT.replace("by the hundreds", "by the many hundreds");
    const result = reanchorOne(newText, anchorOn(TEXT, QUOTE));
    expect(result).toMatchObject({ state: "fuzzy", exact: "losing fighters by the many hundreds each day" });
    expect(result.prefix).toBe(anchorOn(newText, result.exact).prefix);
  });

  it("orphans a span whose quote was deleted, keeping its old quote and offsets", () => {
    const anchor = anchorOn(TEXT, "a spokesman said");
    const newText = TEXT.replace(", a spokesman said", "");
    expect(reanchorOne(newText, anchor)).toEqual({
      state: "orphaned",
      start: anchor.start,
      end: anchor.end,
      exact: anchor.exact,
      prefix: anchor.prefix,
      suffix: anchor.suffix,
    });
  });

  it("uses prefix and suffix to pick the right copy of a repeated quote", () => {
    const text = "The ministry said the figure was wrong. Critics said the figure was right.";
    const anchor = anchorOn(text, "the figure was", 1);
    // Both copies shift, and the first copy's surroundings change: the diff cannot keep the span in place.
    const newText = "Critics said the figure was right. The ministry said the figure was wrong.";
    const result = reanchorAll(text, newText, [anchor])[0]!;
    expect(result.state === "exact" || result.state === "moved").toBe(true);
    expect(result.start).toBe(newText.indexOf("the figure was"));
    const orphanedCopy = { ...anchor, orphaned: true };
    expect(reanchorAll(text, newText, [orphanedCopy])[0]).toMatchObject({
      state: "moved",
      start: newText.indexOf("the figure was"),
    });
  });

  it("does not attach a short quote to a copy in other surroundings", () => {
    const text = "Officials said the Taliban advanced. Later the Taliban withdrew from the valley.";
    const anchor = anchorOn(text, "the Taliban", 1);
    const newText = "Officials said the Taliban advanced. Nothing else was reported.";
    expect(reanchorAll(text, newText, [anchor])[0]!.state).toBe("orphaned");
  });

  it("finds a long quote with a small change inside fuzzily", () => {
    const sentence =
      "Witnesses in Pul-e-Khumri told reporters that resistance fighters had taken the checkpoints on the main road ";
    const long = sentence.repeat(4).trim(); // ~440 code units
    const text = `Intro paragraph.\n${long}\nClosing paragraph.`;
    const anchor = anchorOn(text, long);
    const newText = text.replace("main road", "highway").replace("Intro", "Introductory");
    const result = reanchorAll(text, newText, [anchor])[0]!;
    expect(result.state).toBe("fuzzy");
    expect(result.exact).toBe(long.replace("main road", "highway"));
  });

  it("finds a 5,000-character quote with a few edits far from where it was", () => {
    const words = Array.from({ length: 900 }, (_, index) => `w${(index * 7919) % 1000}`).join(" ");
    const quote = words.slice(0, 5_000);
    const text = `${"Preamble. ".repeat(50)}${quote} The end.`;
    const anchor = anchorOn(text, quote);
    const edited = `${quote.slice(0, 1000)}XX${quote.slice(1003, 3000)}${quote.slice(3005)}`;
    const newText = `The end. ${edited}${"Postscript. ".repeat(80)}`;
    const result = reanchorAll(text, newText, [anchor])[0]!;
    expect(result.state).toBe("fuzzy");
    expect(result.start).toBe(newText.indexOf(edited.slice(0, 50)));
    expect(Math.abs(result.end - (result.start + edited.length))).toBeLessThanOrEqual(2);
  });

  it("finds an orphan again when its text comes back", () => {
    const anchor = { ...anchorOn(TEXT, "a spokesman said"), orphaned: true };
    expect(reanchorAll("Something else entirely.", TEXT, [anchor])[0]).toMatchObject({
      state: "moved",
      start: TEXT.indexOf("a spokesman said"),
    });
  });

  it(
    "keeps anchors exact in the untouched part when the rest of a long text is rewritten beyond what a character " +
      "diff " +
      "affords",
    () => {
      const untouched = Array.from({ length: 400 }, (_, index) => `Line ${index} of the report stays as it was.`).join(
        "\n",
      );
      const rewritten = Array.from(
        { length: 800 },
        (_, index) => `Zeile ${index * 13}: völlig neu geschrieben, quer durch.`,
      ).join("\n");
      const oldText = `${untouched}\n${Array.from(
        { length: 800 },
        (_, index) => `Old line ${index} about something else entirely.`,
      ).join("\n")}`;
      const newText = `${untouched}\n${rewritten}`;
      const anchors = [anchorOn(oldText, "Line 7 of the report"), anchorOn(oldText, "Old line 5 about")];
      const results = reanchorAll(oldText, newText, anchors);
      expect(results[0]).toMatchObject({ state: "exact", start: anchors[0]!.start });
      expect(results[1]!.state).toBe("orphaned");
    },
  );

  it("keeps every anchor when the texts share nothing", () => {
    const anchors = [anchorOn(TEXT, QUOTE), anchorOn(TEXT, "Baghlan")];
    const results = reanchorAll(TEXT, "Nothing of the old text is here.", anchors);
    expect(results.map((result) => result.state)).toEqual(["orphaned", "orphaned"]);
  });
});
