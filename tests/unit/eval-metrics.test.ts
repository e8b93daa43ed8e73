import { describe, expect, it } from "vitest";
import { coverageCounts, hitsAt, scoreSets, scoresOf } from "../../scripts/lib/eval-metrics";

describe("the eval's measures", () => {
  it("compute precision, recall and F1 of a hand-made case", () => {
    // 3 predicted, 2 of them right, 4 to find: P = 2/3, R = 2/4, F1 = 2PR/(P+R) = 4/7.
    const scores = scoreSets(["0:5:a", "0:5:b", "9:12:a"], ["0:5:a", "9:12:a", "20:25:a", "30:31:c"]);
    expect(scores.counts).toEqual({ right: 2, predicted: 3, gold: 4 });
    expect(scores.precision).toBeCloseTo(2 / 3);
    expect(scores.recall).toBeCloseTo(0.5);
    expect(scores.f1).toBeCloseTo(4 / 7);
    // A duplicate prediction counts once.
    expect(scoreSets(["x", "x"], ["x"]).precision).toBe(1);
  });

  it("are 0 with nothing predicted or nothing to find, and add up counts (micro-averaged)", () => {
    expect(scoresOf({ right: 0, predicted: 0, gold: 5 })).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(scoresOf({ right: 0, predicted: 3, gold: 0 })).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it("count a hit at k when a right answer is among the first k", () => {
    const cases = [
      { ranked: ["a", "b", "c"], right: ["a"] },
      { ranked: ["b", "c", "a"], right: ["a"] },
      { ranked: ["b", "c", "d", "a"], right: ["a", "z"] },
      { ranked: [], right: ["a"] },
    ];
    expect(hitsAt(cases, 1)).toBe(0.25);
    expect(hitsAt(cases, 3)).toBe(0.5);
    expect(hitsAt([], 1)).toBe(0);
  });

  it("count a proposed passage right when it overlaps a gold claim of its cell", () => {
    const cells = [
      // Overlaps the second claim: right.
      {
        proposed: { start: 40, end: 90 },
        gold: [
          { start: 0, end: 10 },
          { start: 80, end: 120 },
        ],
      },
      // Ends where the claim starts: no overlap, wrong.
      { proposed: { start: 0, end: 20 }, gold: [{ start: 20, end: 30 }] },
      // Proposed where the article reports nothing: wrong, nothing to find.
      { proposed: { start: 5, end: 9 }, gold: [] },
      // Nothing proposed for a cell with a claim: missed.
      { proposed: undefined, gold: [{ start: 3, end: 4 }] },
      // Nothing proposed, nothing to find.
      { proposed: undefined, gold: [] },
    ];
    expect(coverageCounts(cells)).toEqual({ right: 1, predicted: 3, gold: 3 });
    expect(coverageCounts([])).toEqual({ right: 0, predicted: 0, gold: 0 });
  });
});
