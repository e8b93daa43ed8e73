import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { claimCandidates, sentencesOf } from "@/lib/suggestions/claim-candidates";

const westernJournal = readFileSync("prisma/seed/articles/001_2efd4ead4b9c702b.txt", "utf8");

describe("claim candidates", () => {
  it("offers the seed article's figures and attributions with their reasons, spans within the text", () => {
    const candidates = claimCandidates(westernJournal);
    const newsweek = candidates.find(({ start, end }) =>
      westernJournal.slice(start, end).startsWith("Newsweek reported that about 60 Taliban fighters were injured"),
    );
    expect(newsweek).toMatchObject({
      score: 0.8,
      reasons: ["states a figure: about 60 injured", "attributes it: “reported that”"],
    });
    expect(westernJournal.slice(newsweek!.start, newsweek!.end)).toMatch(/“a number” of Taliban were killed\.$/);
    for (const { start, end } of candidates) {
      expect(westernJournal.slice(start, end)).toBe(westernJournal.slice(start, end).trim());
      expect(end).toBeGreaterThan(start);
    }
  });

  it("reads a sentence whole across abbreviations, and offers one that only states a number", () => {
    const text =
      "The capsule splashed down at 10:17 a.m. EDT on Sept. 24 near Dr. Ali's ship. It was a calm day at sea. " +
      "Crews of U.S. forces helped. It left the U.S. Then it was over.";
    expect(claimCandidates(text)).toEqual([
      {
        start: 0,
        end: text.indexOf(" It was"),
        score: 0.3,
        reasons: ["states a number"],
      },
    ]);
    expect(sentencesOf(text).map(({ sentence }) => sentence)).toEqual([
      "The capsule splashed down at 10:17 a.m. EDT on Sept. 24 near Dr. Ali's ship.",
      "It was a calm day at sea.",
      "Crews of U.S. forces helped.",
      "It left the U.S.",
      "Then it was over.",
    ]);
  });

  it("leaves sentences that neither count, attribute nor quote", () => {
    expect(claimCandidates("The Taliban offensive continued through the summer across the north.")).toEqual([]);
    expect(claimCandidates("Short one.")).toEqual([]);
  });

  it("gives spans in order that never overlap, for any text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        let previousEnd = 0;
        for (const { start, end } of claimCandidates(text)) {
          if (start < previousEnd || end > text.length) return false;
          previousEnd = end;
        }
        return true;
      }),
    );
  });
});
