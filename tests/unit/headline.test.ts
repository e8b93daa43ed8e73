import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { headlineOf } from "@/lib/articles/headline";

const seed = (name: string) => readFileSync(path.join(import.meta.dirname, "../../prisma/seed/articles", name), "utf8");

describe("a plain text's headline", () => {
  it("is the first line when it reads as one", () => {
    expect(headlineOf(seed("001_2efd4ead4b9c702b.txt"))).toBe(
      "Desperate Afghans Fight Back Against Taliban, Resistance Scores Big Underdog Victory",
    );
    expect(headlineOf("Taliban warn U.S.\n\nThe group said…")).toBe("Taliban warn U.S.");
    expect(headlineOf("Who holds Panjshir?\r\nNobody knows.")).toBe("Who holds Panjshir?");
    expect(headlineOf("  Resistance retakes Deh Salah  \n\n\nBody.")).toBe("Resistance retakes Deh Salah");
  });

  it("is none when the first line is a paragraph, a sentence, a lead-in, or all there is", () => {
    // The other demo article opens with a paragraph of more than 200 characters.
    expect(headlineOf(seed("000_b5622c5356c6c267.txt"))).toBeNull();
    expect(headlineOf("A plain report.\nآسواکا said “a number”.")).toBeNull();
    expect(headlineOf("The spokesman said:\nWe will fight.")).toBeNull();
    expect(headlineOf("Only a headline")).toBeNull();
    expect(headlineOf("Only a headline\n\n  \n")).toBeNull();
    expect(headlineOf("\nBody after a blank first line")).toBeNull();
    expect(headlineOf(`${"Long ".repeat(41)}\nBody`)).toBeNull();
  });

  it("is always a trimmed single line of the text, at most 200 characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
        const headline = headlineOf(text);
        if (headline === null) return;
        expect(headline).not.toMatch(/[\r\n]/);
        expect(headline.length).toBeLessThanOrEqual(200);
        expect(headline).toBe(headline.trim());
        expect(headline).not.toBe("");
      }),
    );
  });
});
