import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractArticle } from "@/lib/articles/html-extraction";
import { readJsonLdArticle } from "@/lib/articles/json-ld";
import { calendarDay } from "@/lib/articles/page-metadata";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../fixtures/pages", name), "utf8");
const paragraph = "Fighters retook three districts, a spokesman said. ".repeat(12);
const page = (head: string) =>
  `<!doctype html><html><head>${head}</head><body><article><h1>A report</h1><p>${paragraph}</p></article>` +
  "</body></html>";

describe("a news page's metadata", () => {
  it("trusts JSON-LD first: headline, authors, dates, publisher; the canonical link gives the URL", () => {
    const extracted = extractArticle(fixture("full-metadata.html"), "https://www.khaama.com/?p=5675&utm_source=x");
    expect(extracted).toMatchObject({
      title: "Resistance forces retake three districts in Baghlan",
      authors: ["Nabila Sharifi", "Ahmad Rahimi"],
      author: "Nabila Sharifi, Ahmad Rahimi",
      // The date as the page wrote it (Kabul's date), not the UTC one of the Open Graph tag.
      publishedAt: "2021-08-20",
      modifiedAt: "2021-08-20",
      sourceName: "Khaama Press News Agency",
      publisherUrl: "https://www.khaama.com/",
      url: "https://www.khaama.com/resistance-forces-retake-three-districts-in-baghlan-5675/",
    });
    expect(extracted.text).toContain("Local resistance forces in the northern province of Baghlan");
  });

  it("finds the article in an @graph, its author and publisher by @id, and cleans the outlet's name", () => {
    expect(extractArticle(fixture("jerusalem-post.html"), null)).toMatchObject({
      title: "Afghan resistance fighters retake districts from Taliban",
      authors: ["Seth J. Frantzman"],
      publishedAt: "2021-08-20",
      modifiedAt: "2021-08-21",
      sourceName: "The Jerusalem Post",
      publisherUrl: "https://www.jpost.com/",
      url: "https://www.jpost.com/middle-east/afghan-resistance-fighters-retake-districts-677654",
    });
  });

  it("reads Open Graph and <meta> when there is no JSON-LD: og:url stands in for a canonical link", () => {
    expect(extractArticle(fixture("open-graph-only.html"), null)).toMatchObject({
      title: "Taliban say talks with Panjshir leaders under way",
      // article:author is a profile URL here, not a name.
      authors: ["Sam Reed"],
      publishedAt: "2021-08-22",
      modifiedAt: "2021-08-23",
      sourceName: "TOLOnews",
      publisherUrl: null,
      url: "https://tolonews.com/afghanistan-174301",
    });
  });

  it("falls back to <time datetime> and Readability's byline", () => {
    expect(extractArticle(fixture("time-only.html"), "https://frontier.example/takhar")).toMatchObject({
      title: "Armed citizens in Takhar back the army",
      author: "Ana Lopez",
      publishedAt: "2021-08-19",
      sourceName: null,
      url: "https://frontier.example/takhar",
    });
  });

  it("ignores malformed JSON-LD and resolves a relative canonical link against the page's URL", () => {
    expect(extractArticle(fixture("broken-json-ld.html"), "https://observer.example/amp/123")).toMatchObject({
      title: "Fighting reported near Mazar-e-Sharif",
      publishedAt: "2021-08-12",
      sourceName: "Kabul Observer",
      url: "https://observer.example/news/2021/08/fighting-near-mazar",
    });
  });

  it("leaves a relative canonical link out when the page's URL is unknown, and refuses other schemes", () => {
    expect(extractArticle(fixture("broken-json-ld.html"), null).url).toBeNull();
    expect(extractArticle(page('<link rel="canonical" href="javascript:alert(1)">'), null).url).toBeNull();
  });

  it("takes author names as strings, people, organisations and lists, without repeats or profile URLs", () => {
    const article = (author: unknown) =>
      readJsonLdArticle([JSON.stringify({ "@type": "Article", headline: "H", author })])!.authors;
    expect(article("Ana Lopez")).toEqual(["Ana Lopez"]);
    expect(article({ "@type": "Person", name: " Ana  Lopez " })).toEqual(["Ana Lopez"]);
    expect(article([{ name: "Ana Lopez" }, "Sam Reed", { name: "Ana Lopez" }, "https://x.example/ana"])).toEqual([
      "Ana Lopez",
      "Sam Reed",
    ]);
    expect(article({ "@type": "Organization", name: "Reuters" })).toEqual(["Reuters"]);
    expect(article(42)).toEqual([]);
  });

  it("finds articles of every kind, in arrays, under a WebPage's mainEntity, with prefixed types", () => {
    const headline = (json: unknown) => readJsonLdArticle([JSON.stringify(json)])?.headline ?? null;
    expect(headline([{ "@type": "WebPage" }, { "@type": "NewsArticle", headline: "In an array" }])).toBe("In an array");
    expect(headline({ "@type": "WebPage", mainEntity: { "@type": "BlogPosting", headline: "Main" } })).toBe("Main");
    expect(headline({ "@type": "http://schema.org/AnalysisNewsArticle", headline: "Typed by URL" })).toBe(
      "Typed by URL",
    );
    expect(headline({ "@type": "Recipe", headline: "Not news" })).toBeNull();
    expect(readJsonLdArticle(["{", "null", "[]", '"text"'])).toBeNull();
  });

  it("reads a JSON-LD string with a raw line break in it", () => {
    expect(readJsonLdArticle(['{"@type":"NewsArticle","headline":"Two\nlines"}'])?.headline).toBe("Two lines");
  });

  it("reads calendar dates as written, other date forms in UTC, and nothing from a non-date", () => {
    expect(calendarDay("2021-08-20T23:30:00-05:00")).toBe("2021-08-20");
    expect(calendarDay("Fri, 20 Aug 2021 10:00:00 GMT")).toBe("2021-08-20");
    expect(calendarDay("2021-02-30")).toBeNull();
    expect(calendarDay("yesterday")).toBeNull();
    expect(calendarDay("")).toBeNull();
  });
});
