import { describe, expect, it } from "vitest";
import {
  type CodedSegment,
  categoryDisagreement,
  sectionDistance,
  sectionsOf,
  unitizedAlpha,
} from "@/lib/review/agreement/unitized";

const unit = (start: number, length: number) => ({ start, length, unit: true });
const gap = (start: number, length: number) => ({ start, length, unit: false });
const segment = (coder: number, start: number, length: number, category: string): CodedSegment => ({
  coder,
  start,
  end: start + length,
  category,
});

/**
 * Krippendorff, "Content Analysis" (2nd ed., 2004), p. 254: two observers
 * unitize the continuum 150–450 into categories c and k. Shifted here to 0–300.
 */
const BOOK = [
  segment(0, 225, 70, "c"),
  segment(0, 370, 30, "c"),
  segment(1, 220, 80, "c"),
  segment(1, 355, 20, "c"),
  segment(1, 400, 20, "c"),
  segment(0, 180, 60, "k"),
  segment(0, 300, 50, "k"),
  segment(1, 180, 60, "k"),
  segment(1, 300, 50, "k"),
].map((coded) => ({ ...coded, start: coded.start - 150, end: coded.end - 150 }));

/**
 * Krippendorff, "On the reliability of unitizing continuous data" (Sociological
 * Methodology 25, 1995), p. 57: four pairs of coders, one category each, on a
 * continuum of 24, stretched to approach the continuous case.
 */
function example1995(stretch: number): CodedSegment[] {
  const spans: [number, number, number, string][] = [
    [0, 2, 8, "A"],
    [0, 14, 6, "A"],
    [1, 4, 4, "A"],
    [1, 15, 2, "A"],
    [0, 0, 18, "B"],
    [1, 0, 2, "B"],
    [1, 2, 1, "B"],
    [1, 3, 1, "B"],
    [1, 4, 1, "B"],
    [1, 5, 1, "B"],
    [1, 6, 3, "B"],
    [1, 9, 1, "B"],
    [0, 2, 6, "C"],
    [0, 10, 2, "C"],
    [0, 14, 4, "C"],
    [0, 20, 2, "C"],
    [1, 0, 2, "C"],
    [1, 4, 4, "C"],
    [1, 10, 4, "C"],
    [1, 16, 2, "C"],
    [1, 20, 2, "C"],
    [0, 0, 2, "D"],
    [0, 2, 8, "D"],
    [0, 10, 4, "D"],
    [0, 14, 6, "D"],
    [0, 20, 4, "D"],
    [1, 0, 4, "D"],
    [1, 4, 4, "D"],
    [1, 8, 7, "D"],
    [1, 15, 2, "D"],
    [1, 17, 7, "D"],
  ];
  return spans.map(([coder, start, length, category]) => segment(coder, start * stretch, length * stretch, category));
}

describe("Krippendorff's unitized alpha", () => {
  it("measures the distances of the 2004 worked example", () => {
    // Both units overlap: squared differences of beginnings and ends.
    expect(sectionDistance(unit(225, 70), unit(220, 80))).toBe(50);
    expect(sectionDistance(unit(370, 30), unit(355, 20))).toBe(850);
    // A unit inside the other coder's gap: its length squared.
    expect(sectionDistance(gap(400, 50), unit(400, 20))).toBe(400);
    expect(sectionDistance(gap(2, 3), unit(2, 2)) + sectionDistance(unit(5, 6), gap(4, 7))).toBe(40);
    expect(
      [unit(4, 2), unit(5, 2), unit(6, 2), unit(7, 2), unit(6, 4), unit(5, 6)].map((other) =>
        sectionDistance(unit(5, 6), other),
      ),
    ).toEqual([26, 16, 10, 8, 2, 0]);
    // Units that do not overlap, and gaps, are not compared.
    expect(sectionDistance(unit(370, 30), unit(400, 20))).toBe(0);
    expect(sectionDistance(gap(0, 10), gap(5, 10))).toBe(0);
  });

  it("gives the published figures of the 2004 example: c 0.7286 (Do 0.0144, De 0.0532), k 1, both 0.8591", () => {
    const c = categoryDisagreement(BOOK, "c", 2, 300);
    expect(c.observed).toBeCloseTo(0.0144, 4);
    expect(c.expected).toBeCloseTo(0.0532, 4);
    expect(c.alpha).toBeCloseTo(0.7286, 3);
    const k = categoryDisagreement(BOOK, "k", 2, 300);
    expect(k.observed).toBe(0);
    expect(k.expected).toBeCloseTo(0.049, 4);
    expect(k.alpha).toBe(1);
    expect(unitizedAlpha(BOOK, ["c", "k"], 2, 300).alpha).toBeCloseTo(0.8591, 3);
  });

  it("gives the published figures of the 1995 example (A 0.553, B −0.926, C 0.679, D 0.066)", () => {
    const exact = example1995(1);
    expect(["A", "B", "C", "D"].map((category) => categoryDisagreement(exact, category, 2, 24).observed)).toEqual([
      expect.closeTo(0.03125, 4),
      expect.closeTo(2.26736, 4),
      expect.closeTo(0.02777, 4),
      expect.closeTo(0.38715, 4),
    ]);
    // The paper's alphas are for a continuous scale: approached with a fine grid, within rounding of the published
    // expected values.
    const fine = example1995(50_000);
    const alphas = ["A", "B", "C", "D"].map((category) => categoryDisagreement(fine, category, 2, 24 * 50_000).alpha!);
    for (const [index, published] of [0.553, -0.926, 0.679, 0.066].entries()) {
      expect(Math.abs(alphas[index]! - published)).toBeLessThan(0.02);
    }
  });

  it("tiles a coder's continuum with units and gaps, joining a coder's overlapping units", () => {
    expect(
      sectionsOf(
        [
          { start: 5, end: 8 },
          { start: 2, end: 4 },
          { start: 7, end: 9 },
          { start: 9, end: 10 },
        ],
        12,
      ),
    ).toEqual([gap(0, 2), unit(2, 2), gap(4, 1), unit(5, 4), unit(9, 1), gap(10, 2)]);
    expect(sectionsOf([], 5)).toEqual([gap(0, 5)]);
  });

  it("is 1 for identical unitizing, lower when boundaries differ, and null when nobody used a category", () => {
    const same = [segment(0, 10, 20, "x"), segment(1, 10, 20, "x"), segment(0, 50, 10, "x"), segment(1, 50, 10, "x")];
    expect(unitizedAlpha(same, ["x"], 2, 100).alpha).toBe(1);
    const shifted = [
      segment(0, 10, 20, "x"),
      segment(1, 14, 20, "x"),
      segment(0, 50, 10, "x"),
      segment(1, 50, 10, "x"),
    ];
    const missing = [segment(0, 10, 20, "x"), segment(1, 10, 20, "x"), segment(0, 50, 10, "x")];
    const alphaShifted = unitizedAlpha(shifted, ["x"], 2, 100).alpha!;
    expect(alphaShifted).toBeLessThan(1);
    expect(unitizedAlpha(missing, ["x"], 2, 100).alpha!).toBeLessThan(1);
    expect(unitizedAlpha(same, ["y"], 2, 100).alpha).toBeNull();
    // Three coders: the third agreeing with the first raises alpha above the two-coder figure.
    expect(
      unitizedAlpha([...shifted, segment(2, 10, 20, "x"), segment(2, 50, 10, "x")], ["x"], 3, 100).alpha!,
    ).toBeGreaterThan(alphaShifted);
  });
});
