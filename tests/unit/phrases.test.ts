import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { packPhraseStats, recountedPhrases, taggedPhrasesOf, unpackPhrases } from "@/lib/suggestions/phrase-stats";
import { phraseOccurrences } from "@/lib/suggestions/phrases";
import { suggestFor } from "@/lib/suggestions/suggest";

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

describe("phrases learned from a project's annotations", () => {
  const use = (phrase: string, ...tagIds: string[]) => ({ phrase, tagIds });

  it("proposes a phrase with the tags at least half of its annotations carry, and only live tags", () => {
    const learned = packPhraseStats([
      use("two decades", "frame", "time"),
      use("two decades", "frame"),
      use("two decades", "rhetoric"),
      use("the taliban", "actor"),
      use("a number", "old"),
    ]);
    expect(taggedPhrasesOf(learned, ["frame", "time", "rhetoric", "actor"])).toEqual([
      { phrase: "two decades", uses: 3, tagIds: ["frame"] },
      { phrase: "the taliban", uses: 1, tagIds: ["actor"] },
    ]);
  });

  it("counts the annotations made since the phrases were learned with them", () => {
    const learned = packPhraseStats([use("two decades", "frame"), use("two decades", "time")]);
    const live = ["frame", "time", "place"];
    const since = [use("two decades", "time"), use("kabul", "place")];
    expect(recountedPhrases(learned, unpackPhrases(learned, live), since, live)).toEqual([
      { phrase: "two decades", uses: 3, tagIds: ["time"] },
      { phrase: "kabul", uses: 1, tagIds: ["place"] },
    ]);
  });

  it("packs any phrases (any script, spaces, line breaks) and unpacks them as counted", () => {
    const tag = fc.constantFrom<string>("a", "b", "c");
    fc.assert(
      fc.property(fc.array(fc.record({ phrase: fc.string({ minLength: 1 }), tagIds: fc.array(tag) })), (uses) => {
        const phrases = taggedPhrasesOf(packPhraseStats(uses), ["a", "b", "c"]);
        const halfOf = (phrase: string) => {
          const of = uses.filter((one) => one.phrase === phrase);
          return ["a", "b", "c"].filter((t) => of.filter((one) => one.tagIds.includes(t)).length * 2 >= of.length);
        };
        for (const { phrase, uses: used, tagIds } of phrases) {
          expect(used).toBe(uses.filter((one) => one.phrase === phrase).length);
          expect(tagIds).toEqual(halfOf(phrase));
        }
        expect(new Set(phrases.map(({ phrase }) => phrase))).toEqual(
          new Set(uses.filter(({ phrase }) => halfOf(phrase).length > 0).map(({ phrase }) => phrase)),
        );
      }),
    );
  });
});

describe("suggestions from a kept learning", () => {
  const text = "After two decades of war, Kabul fell. Two decades on, kabul is quiet.";
  const learned = packPhraseStats([{ phrase: "two decades", tagIds: ["a"] }], "learning-1");
  const phrasesFound = (recent: { phrase: string; tagIds: string[] }[], live = ["a", "b", "c"]) =>
    suggestFor({ text, learned, recent, liveTagIds: live, annotated: [] })
      .filter(({ kind }) => kind === "phrase")
      .map(({ start, end, tagIds }) => `${text.slice(start, end)}:${tagIds.join("+")}`);

  it("counts the phrases tagged since the learning with it, call after call", () => {
    expect(phrasesFound([])).toEqual(["two decades:a", "Two decades:a"]);
    const since = [
      { phrase: "two decades", tagIds: ["b"] },
      { phrase: "two decades", tagIds: ["b"] },
      { phrase: "kabul", tagIds: ["c"] },
    ];
    expect(phrasesFound(since)).toEqual(["two decades:b", "Kabul:c", "Two decades:b", "kabul:c"]);
    expect(phrasesFound([])).toEqual(["two decades:a", "Two decades:a"]);
    // Another codebook (tag a archived): the learning is read again for it.
    expect(phrasesFound([], ["b"])).toEqual([]);
  });
});
