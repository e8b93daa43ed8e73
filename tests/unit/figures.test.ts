import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contradictionsOf } from "@/lib/contradictions";
import { figuresAgree, figuresIn } from "@/lib/figures";

/** The figures of a sentence, as "text measure" and the range they allow. */
function read(sentence: string) {
  return figuresIn(sentence).map(({ text, measure, low, high, approximate }) => ({
    text,
    measure,
    low,
    high,
    approximate,
  }));
}

describe("figures", () => {
  it("reads the seed articles' casualty figures with their measure and vagueness", () => {
    expect(
      read(
        "Newsweek reported that about 60 Taliban fighters were injured in the fighting that proceeded these small " +
          "victories, while the Afghan outlet Asvaka News Agency reported that “a number” of Taliban were killed.",
      ),
    ).toEqual([{ text: "about 60", measure: "injured", low: 51, high: 69, approximate: true }]);
    expect(read("the Taliban are losing fighters by the hundreds each day.")).toEqual([
      { text: "hundreds", measure: "fighter", low: 200, high: 999, approximate: true },
    ]);
    expect(
      read(
        "Pol-e-Hesar, Deh Salah and Banu districts in #Baghlan provinces have been captured by the " +
          "Public’s Resistance Forces, & a number of Taliban killed & injured.",
      ),
    ).toEqual([]);
  });

  it("reads digits, spelled-out numbers, scales and vague plurals", () => {
    expect(read("65 people are confirmed dead")).toEqual([
      { text: "65", measure: "dead", low: 65, high: 65, approximate: false },
    ]);
    expect(read("The quake killed sixty-five people and injured 200 more.")[0]).toMatchObject({
      text: "sixty-five",
      low: 65,
      measure: "dead",
    });
    expect(read("Three districts were retaken")).toEqual([
      { text: "Three", measure: "district", low: 3, high: 3, approximate: false },
    ]);
    expect(read("Dozens of villagers fled")).toEqual([
      { text: "Dozens", measure: "displaced", low: 24, high: 99, approximate: true },
    ]);
    expect(read("at least 1,200 homes were destroyed")).toEqual([
      { text: "at least 1,200", measure: "home", low: 1200, high: Number.POSITIVE_INFINITY, approximate: true },
    ]);
    expect(read("A dozen soldiers and three hundred villagers were wounded").map(({ low }) => low)).toEqual([12, 300]);
    expect(read("twenty two fighters were killed")[0]).toMatchObject({ low: 22, measure: "dead" });
    expect(read("2.5 million people were displaced")[0]).toMatchObject({ low: 2_500_000, measure: "displaced" });
  });

  it("leaves dates, years, durations, percentages and bare numbers out", () => {
    expect(read("On August 20, 2021 the group said it held the town.")).toEqual([]);
    expect(read("after two decades of war")).toEqual([]);
    expect(read("After Two Decades of War, the ministry said")).toEqual([]);
    expect(read("Jason spent 23 years in USG service")).toEqual([]);
    expect(read("turnout rose 12% in 2019")).toEqual([]);
    expect(read("Route 66 was closed")).toEqual([]);
    expect(read("Locals said that only 4 of them were.")).toEqual([]);
    expect(read("آسواکا ۶۵ کشته")).toEqual([]);
  });

  it("reads any count written with or without thousands separators", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999 }), fc.boolean(), (count, separated) => {
        const written = separated ? count.toLocaleString("en-US") : String(count);
        const [figure] = figuresIn(`Officials said ${written} civilians were killed.`);
        return figure?.value === count && figure.measure === "dead" && !figure.approximate;
      }),
    );
  });

  it("agrees when the ranges the wordings allow overlap", () => {
    const [about60] = figuresIn("about 60 fighters were injured");
    const [sixtyFive] = figuresIn("65 fighters were injured");
    const [seventyFive] = figuresIn("75 fighters were injured");
    const [atLeast70] = figuresIn("at least 70 fighters were injured");
    expect(figuresAgree(about60!, sixtyFive!)).toBe(true);
    expect(figuresAgree(about60!, seventyFive!)).toBe(false);
    expect(figuresAgree(sixtyFive!, seventyFive!)).toBe(false);
    expect(figuresAgree(atLeast70!, seventyFive!)).toBe(true);
    expect(figuresAgree(atLeast70!, sixtyFive!)).toBe(false);
  });
});

describe("contradictions", () => {
  const claim = (articleId: string, exact: string, stance = "ASSERTS") => ({
    articleId,
    annotationId: `${articleId}-${exact}`,
    exact,
    stance,
  });
  const outlets: Record<string, string> = {
    necn: "NECN",
    jpost: "Jerusalem Post",
    kunc: "KUNC",
    std: "Evening Standard",
  };

  it("points out figures of one measure that outlets give for the same event and that cannot both be true", () => {
    const found = contradictionsOf(
      "quake",
      [
        claim("necn", "65 people are confirmed dead"),
        claim("jpost", "The earthquake killed 75 people"),
        claim("std", "75 people were killed, officials said"),
        claim("kunc", "at least 75 dead and about 200 injured"),
      ],
      (id) => outlets[id]!,
    );
    expect(found.map(({ measure }) => measure)).toEqual(["dead"]);
    expect(found[0]!.summary).toBe(
      "NECN: 65 dead · Jerusalem Post, Evening Standard: 75 dead · KUNC: at least 75 dead",
    );
  });

  it("sees no contradiction where the wordings allow the same count, or within one article", () => {
    expect(
      contradictionsOf(
        "clash",
        [
          claim("a", "about 60 Taliban fighters were injured"),
          claim("b", "65 fighters were wounded"),
          claim("a", "nearly 70 fighters were injured, a later update said"),
        ],
        String,
      ),
    ).toEqual([]);
    expect(contradictionsOf("clash", [claim("a", "65 dead"), claim("a", "75 dead")], String)).toEqual([]);
  });

  it("does not hold against an outlet a figure it reports only to dispute it", () => {
    const claims = [claim("a", "65 people are confirmed dead"), claim("b", "officials' toll of 75 dead is too high")];
    expect(contradictionsOf("quake", claims, String)).toHaveLength(1);
    claims[1]!.stance = "DISPUTES";
    expect(contradictionsOf("quake", claims, String)).toEqual([]);
  });
});
