import { describe, expect, it } from "vitest";
import { rankTags, trainTagRanker } from "@/lib/suggestions/tag-ranker";
import { demoCorpus } from "../../scripts/lib/eval-corpus";

/** The demo project's claims (prisma/seed), as the tag ranking learns from them. */
const demo = demoCorpus().annotations.map(({ exact, tags }) => ({ exact, tagIds: tags }));
const HELD_OUT = "the Indian outlet Republic World reported that Pol-e-Hesar had been freed from Taliban control";

describe("tag ranking", () => {
  it("ranks first, for a claim it did not learn, the tag the demo's claims of the same words carry", () => {
    const model = trainTagRanker(demo.filter((example) => example.exact !== HELD_OUT))!;
    const ranked = rankTags(model, HELD_OUT);
    expect(ranked[0]).toEqual({ tagId: "quote/attribution", score: expect.any(Number) });
    expect(rankTags(model, "Taliban fighters were killed by the hundreds")[0]!.tagId).toBe("statistic");
    // Scores are probabilities, best first.
    const scores = ranked.map((tag) => tag.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((score) => score >= 0 && score <= 1)).toBe(true);
  });

  it("ranks nothing for words it never saw, and learns nothing from one tag or too few words", () => {
    expect(rankTags(trainTagRanker(demo)!, "zzz qqq")).toEqual([]);
    expect(trainTagRanker(demo.map((example) => ({ ...example, tagIds: ["statistic"] })))).toBeNull();
    expect(trainTagRanker([{ exact: "two words", tagIds: ["a", "b"] }])).toBeNull();
    expect(trainTagRanker([])).toBeNull();
  });
});
