import { describe, expect, it } from "vitest";
import { Flow } from "@/lib/pdf-layout/flow";
import { directionOf, layoutParagraph, type LineBox, type Measure, type Paragraph } from "@/lib/pdf-layout/paragraph";

/** Every UTF-16 unit 5 points wide: line breaks become predictable. */
const measure: Measure = (text) => text.length * 5;
const style = { weight: 400 as const, size: 10, color: "#000000" };
const paragraph = (text: string, direction = directionOf(text)): Paragraph => ({
  spans: [{ text, style }],
  direction,
  lineHeight: 1.5,
});
/** Each line's runs, left to right, as drawn: right-to-left runs as words in display order. */
const drawn = (lines: LineBox[]) =>
  lines.map((line) => line.runs.map((run) => (run.rightToLeft ? `<${run.text}>` : run.text)).join("|"));

describe("laying out a paragraph", () => {
  it("breaks between words, and inside a word only when it is wider than a line", () => {
    const lines = layoutParagraph(paragraph("aaa bbb ccc dddddddddddddddddddd"), 50, measure);
    expect(drawn(lines)).toEqual(["aaa bbb", "ccc", "dddddddddd", "dddddddddd"]);
    for (const line of lines)
      expect(line.runs.reduce((width, run) => width + measure(run.text, run.font, run.size), 0)).toBeLessThanOrEqual(
        50,
      );
  });

  it("keeps line breaks of the text, and never splits a surrogate pair", () => {
    const lines = layoutParagraph(paragraph("one\n\ntwo 😀😀😀😀😀😀"), 30, measure);
    expect(lines.map((line) => line.runs.map((run) => run.text).join(""))).toEqual([
      "one",
      "",
      "two",
      "😀😀😀",
      "😀😀😀",
    ]);
  });

  it("orders Persian right to left, with numbers left to right and brackets mirrored, aligned right", () => {
    const [line] = layoutParagraph(paragraph("نیروهای مقاومت (۱۴۰۰ نفر) 25 km"), 500, measure);
    // Display order, left to right: "km 25", the brackets (each drawn as its mirror image) around "نفر ۱۴۰۰", the words
    // before them.
    expect(line!.runs.map((run) => run.text)).toEqual([
      "km",
      " ",
      "25",
      " ",
      "(",
      " نفر",
      "۱۴۰۰",
      ")",
      "نیروهای مقاومت ",
    ]);
    expect(line!.runs.at(-1)!.x + measure("نیروهای مقاومت ", "", 10)).toBe(500);
  });

  it("leaves English inside an English paragraph in place around a Persian phrase", () => {
    const [line] = layoutParagraph(paragraph("asserts: “نیروهای مقاومت” today"), 500, measure);
    expect(drawn([line!])).toEqual(["asserts: “|<نیروهای مقاومت>|” today"]);
    expect(line!.runs[0]!.x).toBe(0);
  });

  it("draws a box for characters no face has, marked to copy out as themselves", () => {
    const [line] = layoutParagraph(paragraph("a 𠀀 b"), 500, measure);
    expect(line!.runs.map((run) => [run.text, run.actualText])).toEqual([
      ["a ", null],
      ["□", "𠀀"],
      [" b", null],
    ]);
  });
});

describe("flowing onto pages", () => {
  const page = { width: 200, height: 200, top: 20, bottom: 20, left: 10, right: 10 };
  const line = (height = 10): LineBox => ({
    height,
    baseline: 8,
    runs: [{ text: "x", font: "f", size: 10, color: "#000000", x: 0, rightToLeft: false, actualText: null }],
    boxes: [],
  });

  it(
    "breaks a long column between lines, repeats the continuation " + "and a row's label, and keeps short blocks whole",
    () => {
      const flow = new Flow(page);
      flow.place([{ x: 0, lines: [line(150)] }]);
      // 30 lines of 10 points beside a label: 1 fits on the first page, the rest run on with the label repeated.
      flow.continuation = [{ x: 0, lines: [line(10)] }];
      const label = [line()];
      const continued = [line()];
      flow.place([
        { x: 0, lines: label, continued },
        { x: 50, lines: Array.from({ length: 30 }, () => line()) },
      ]);
      flow.continuation = null;
      expect(flow.pages.map((placed) => placed.length)).toEqual([3, 17, 16]);
      expect(flow.pages[1]![1]!.line).toBe(continued[0]);
      expect(flow.pages[1]![0]!.y).toBe(20);

      // 40 points do not fit in the 10 left on the third page: the block moves to the next page whole.
      flow.place([{ x: 0, lines: [line(40)] }], { keepTogether: 50 });
      expect(flow.pages).toHaveLength(4);
      expect(flow.pages[3]![0]!.y).toBe(20);
    },
  );
});
