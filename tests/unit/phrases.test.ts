import { describe, expect, it } from "vitest";
import { phraseOccurrences } from "@/lib/suggestions/phrases";

const tagged = (phrase: string) => ({ phrase, tagIds: ["t"], uses: 2 });

describe("phrase occurrences", () => {
  it("finds a phrase in any case, only on word boundaries", () => {
    const text = "Two decades on, after two decades of war; not two decadesold.";
    expect(phraseOccurrences(text, [tagged("two decades")]).map(({ start, end }) => text.slice(start, end))).toEqual([
      "Two decades",
      "two decades",
    ]);
  });

  it("finds phrases in other scripts word for word, with UTF-16 offsets", () => {
    const text = "🙂 گزارش آسواکا: نیروهای مقاومت آسواکا";
    const found = phraseOccurrences(text, [tagged("آسواکا")]);
    expect(found.map(({ start, end }) => text.slice(start, end))).toEqual(["آسواکا", "آسواکا"]);
    expect(phraseOccurrences(text, [tagged("آسوا")])).toEqual([]);
  });

  it("skips text whose lower case would move the offsets", () => {
    const text = "İstanbul said";
    expect(phraseOccurrences(text, [tagged("İstanbul".toLowerCase())])).toEqual([]);
    expect(phraseOccurrences(text, [tagged("said")]).map(({ start }) => start)).toEqual([9]);
  });
});
