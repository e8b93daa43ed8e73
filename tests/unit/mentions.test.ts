import { describe, expect, it } from "vitest";
import { mentionedNames } from "@/lib/mentions";

describe("mentionedNames", () => {
  const members = ["Ana", "Ana Lopez", "Bea", "Chloé Martin"];

  it("takes the longest member name after each @, up to a character that is no letter or digit", () => {
    expect(mentionedNames("@Ana Lopez, see this", members)).toEqual(new Set(["Ana Lopez"]));
    expect(mentionedNames("@Ana: and @Bea.", members)).toEqual(new Set(["Ana", "Bea"]));
    expect(mentionedNames("(@chloé martin)", members)).toEqual(new Set(["Chloé Martin"]));
  });

  it("ignores names that run on into a word, email addresses and unknown names", () => {
    expect(mentionedNames("@Anabel and @Beatrice", members)).toEqual(new Set());
    expect(mentionedNames("write to ana@Bea.org or @Zoe", members)).toEqual(new Set());
    expect(mentionedNames("no mention here", members)).toEqual(new Set());
  });

  it("mentions every member of the name written", () => {
    expect(mentionedNames("@Bea?", ["Bea", "Bea", "bea"])).toEqual(new Set(["Bea", "bea"]));
  });
});
