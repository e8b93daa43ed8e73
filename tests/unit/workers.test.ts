import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { MAX_HTML_DEPTH, MAX_HTML_ELEMENTS } from "@/lib/html-extraction";
import { runInWorker } from "@/lib/workers/pool";

const page = (body: string) => `<!doctype html><html><head><title>A report</title></head><body>${body}</body></html>`;
const paragraph = `<p>${"Resistance fighters retook three districts, a spokesman said. ".repeat(8)}</p>`;

describe("work on worker threads", () => {
  it("extracts an article's text", async () => {
    const extracted = await runInWorker("extractArticle", { html: page(`<article>${paragraph}${paragraph}</article>`), url: null });
    expect(extracted.text.split("\n")).toHaveLength(2);
    expect(extracted.title).toBe("A report");
  });

  it("refuses markup nested deeper than the limit, naming it, before Readability runs", async () => {
    const depth = 5_000;
    const refused = await runInWorker("extractArticle", { html: page("<div>".repeat(depth) + paragraph + "</div>".repeat(depth)), url: null }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "unprocessable_entity", details: { limit: "depth", maxDepth: MAX_HTML_DEPTH } });
    expect((refused as AppError).message).toContain(`${MAX_HTML_DEPTH} levels`);
  });

  it("refuses a page with more elements than the limit", async () => {
    const refused = await runInWorker("extractArticle", { html: page("<span>x</span>".repeat(MAX_HTML_ELEMENTS + 1)), url: null }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "unprocessable_entity", details: { limit: "elements" } });
  });

  it("extracts a page just within the limits", async () => {
    const depth = MAX_HTML_DEPTH - 10;
    const extracted = await runInWorker("extractArticle", { html: page("<div>".repeat(depth) + paragraph + "</div>".repeat(depth)), url: null });
    expect(extracted.text).toContain("Resistance fighters");
  });

  it("finds a quote that overlaps itself in a text of one repeated letter, with bounded work", async () => {
    const text = "a".repeat(300_000);
    const [match] = await runInWorker("placeQuotes", { text, requests: [{ exact: "a".repeat(150_000), prefix: "", suffix: "", position: 0 }] });
    expect(match).toMatchObject({ start: 0, end: 150_000 });
  });

  it("leaves a quote unplaced when approximate search would cost more than its budget", async () => {
    const text = "ab".repeat(150_000);
    const [match] = await runInWorker("placeQuotes", { text, requests: [{ exact: "x".repeat(150_000), prefix: "", suffix: "", position: 0 }] });
    expect(match).toBeNull();
  });
});
