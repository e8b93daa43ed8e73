import { describe, expect, it } from "vitest";
import { cohensKappa, krippendorffsAlpha, type Unit } from "@/lib/review/agreement/statistics";

/** Rows of a reliability table (one per coder) turned into units (one per column). */
function unitsFrom(rows: (number | null)[][]): Unit[] {
  return rows[0]!.map((_, column) => rows.map((row) => row[column] ?? null));
}

describe("Cohen's kappa", () => {
  it("gives 0.40 for the textbook 2×2 table (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no)", () => {
    const units: Unit[] = [
      ...Array.from({ length: 20 }, () => ["yes", "yes"]),
      ...Array.from({ length: 5 }, () => ["yes", "no"]),
      ...Array.from({ length: 10 }, () => ["no", "yes"]),
      ...Array.from({ length: 15 }, () => ["no", "no"]),
    ];
    const result = cohensKappa(units);
    expect(result.units).toBe(50);
    expect(result.observed).toBeCloseTo(0.7, 10);
    expect(result.kappa).toBeCloseTo(0.4, 10);
  });

  it("is 1 for perfect agreement, leaves out units a coder did not code, and is null without data", () => {
    expect(
      cohensKappa([
        ["a", "a"],
        ["b", "b"],
        ["a", null],
      ]).kappa,
    ).toBe(1);
    expect(
      cohensKappa([
        ["a", "a"],
        ["b", "b"],
        ["a", null],
      ]).units,
    ).toBe(2);
    expect(cohensKappa([]).kappa).toBeNull();
  });
});

describe("Krippendorff's alpha (nominal)", () => {
  it("gives 0.095 for Krippendorff's binary example (two observers, ten units)", () => {
    const units = unitsFrom([
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ]);
    expect(krippendorffsAlpha(units).alpha).toBeCloseTo(0.095, 3);
  });

  it("gives 0.743 for Krippendorff's nominal example (four observers, twelve units, missing values)", () => {
    const units = unitsFrom([
      [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
      [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ]);
    const result = krippendorffsAlpha(units);
    expect(result.units).toBe(11); // unit 12 has one value and cannot be paired
    expect(result.alpha).toBeCloseTo(0.743, 3);
  });

  it("is 1 for perfect agreement and null without variation", () => {
    expect(
      krippendorffsAlpha([
        ["a", "a"],
        ["b", "b"],
      ]).alpha,
    ).toBe(1);
    expect(
      krippendorffsAlpha([
        ["a", "a"],
        ["a", "a"],
      ]).alpha,
    ).toBeNull();
  });
});
