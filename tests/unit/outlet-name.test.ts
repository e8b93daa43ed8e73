import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanOutletName, siteOf, titleWithoutSiteName } from "@/lib/articles/outlet-name";

/** Names made of the words and separators outlets' pages use, so that the properties meet real shapes. */
const namePart = fc.constantFrom(
  "The Jerusalem Post",
  "JPost.com",
  "BBC News",
  "Home",
  "Breaking News, World News and Video",
  "Al Jazeera English",
  "www.bbc.co.uk",
  "TOLOnews",
  "News",
  "خبرگزاری آسواکا",
  "",
  " ",
);
const separator = fc.constantFrom(" | ", " - ", " — ", " · ", " – ", "|", "-", "  |  ");
const siteName = fc.oneof(
  fc
    .tuple(namePart, fc.array(fc.tuple(separator, namePart), { maxLength: 4 }))
    .map(([first, rest]) => first + rest.map(([between, part]) => between + part).join("")),
  fc.string({ unit: "grapheme", maxLength: 40 }),
);

describe("outlet names", () => {
  it.each([
    ["The Jerusalem Post | JPost.com", "The Jerusalem Post"],
    ["BBC News - Home", "BBC News"],
    ["Home - BBC News", "BBC News"],
    ["Al Jazeera English | Breaking News, World News and Video from Al Jazeera", "Al Jazeera English"],
    ["JPost.com · The Jerusalem Post", "The Jerusalem Post"],
    ["  Reuters  ", "Reuters"],
    ["Pajhwok Afghan News", "Pajhwok Afghan News"],
    ["St. Louis Post-Dispatch", "St. Louis Post-Dispatch"],
    ["Khaama Press — Afghan News Agency", "Khaama Press"],
    // Nothing but a domain: kept, rather than inventing a name.
    ["JPost.com", "JPost.com"],
  ])("cleans %j to %j", (raw, cleaned) => {
    expect(cleanOutletName(raw)).toBe(cleaned);
  });

  it("never returns an empty name for a name that is not blank", () => {
    fc.assert(
      fc.property(siteName, (name) => {
        if (name.trim() !== "") expect(cleanOutletName(name)).not.toBe("");
      }),
    );
  });

  it("is idempotent: a clean name stays as it is", () => {
    fc.assert(
      fc.property(siteName, (name) => {
        const once = cleanOutletName(name);
        expect(cleanOutletName(once)).toBe(once);
      }),
    );
  });

  it("returns a part of the name, never words it does not have", () => {
    fc.assert(
      fc.property(siteName, (name) => {
        expect(name.replace(/\s+/g, " ")).toContain(cleanOutletName(name));
      }),
    );
  });

  it("drops the site's name from the end of a title, and nothing else", () => {
    expect(titleWithoutSiteName("Taliban say talks under way | TOLOnews", ["TOLOnews"])).toBe(
      "Taliban say talks under way",
    );
    expect(
      titleWithoutSiteName("Fighters retake districts - The Jerusalem Post | JPost.com", ["The Jerusalem Post"]),
    ).toBe("Fighters retake districts");
    expect(titleWithoutSiteName("Kabul - a city waits - for news", ["TOLOnews"])).toBe(
      "Kabul - a city waits - for news",
    );
    expect(titleWithoutSiteName("TOLOnews", ["TOLOnews"])).toBe("TOLOnews");
  });

  it("finds the site of a URL without www and case", () => {
    expect(siteOf("https://WWW.JPost.com/middle-east/1")).toBe("jpost.com");
    expect(siteOf("http://tolonews.com")).toBe("tolonews.com");
    expect(siteOf("javascript:alert(1)")).toBeNull();
    expect(siteOf("not a url")).toBeNull();
    expect(siteOf(null)).toBeNull();
  });
});
