import "server-only";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { unprocessable } from "@/lib/errors";

export interface ExtractedArticle {
  title: string | null;
  text: string;
  author: string | null;
  sourceName: string | null;
  publishedAt: string | null;
}

/** Block elements whose text becomes one line (paragraph) of the article. */
const BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption";

/**
 * The main text of a web page, as Mozilla's Readability (Firefox's reader
 * view) finds it, on linkedom's server-side DOM: one line per paragraph,
 * scripts and markup dropped, never run. Metadata Readability finds (title,
 * byline, site name, published time) comes along for the form to prefill.
 */
export function extractArticle(html: string, url?: string | null): ExtractedArticle {
  const { document } = parseHTML(html);
  if (url) {
    const base = document.createElement("base");
    base.setAttribute("href", url);
    document.head?.appendChild(base);
  }
  const parsed = new Readability(document as unknown as Document, { keepClasses: false }).parse();
  if (!parsed?.content) throw unprocessable("No article text was found in this HTML.", { issues: [{ path: "html", message: "no article text found" }] });
  const { document: content } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
  const blocks = [...content.querySelectorAll(BLOCKS)].filter((element) => !element.parentElement?.closest(BLOCKS));
  const lines = (blocks.length > 0 ? blocks.map((element) => element.textContent ?? "") : (parsed.textContent ?? "").split(/\n+/))
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  if (lines.length === 0) throw unprocessable("No article text was found in this HTML.", { issues: [{ path: "html", message: "no article text found" }] });
  const published = parsed.publishedTime && /^\d{4}-\d{2}-\d{2}/.test(parsed.publishedTime) ? parsed.publishedTime.slice(0, 10) : null;
  return {
    title: parsed.title?.trim() || null,
    text: lines.join("\n"),
    author: parsed.byline?.trim() || null,
    sourceName: parsed.siteName?.trim() || null,
    publishedAt: published,
  };
}

/**
 * An article import may send `html` instead of `text`: the extracted text
 * replaces it, and the page's title, author, outlet and date fill the fields
 * the caller left out. Anything else passes through unchanged to validation.
 */
export function resolveHtmlInput(input: unknown): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input) || !("html" in input)) return input;
  const { html, ...rest } = input as Record<string, unknown> & { html: unknown };
  if (typeof html !== "string") throw unprocessable("html must be a string of HTML.", { issues: [{ path: "html", message: "must be a string" }] });
  if ("text" in rest) throw unprocessable("Send either text or html, not both.", { issues: [{ path: "html", message: "text was sent too" }] });
  const extracted = extractArticle(html, typeof rest.url === "string" ? rest.url : null);
  const filled = (key: string, value: string | null) => (rest[key] === undefined || rest[key] === null || rest[key] === "") && value !== null ? { [key]: value } : {};
  return {
    ...rest,
    text: extracted.text,
    ...filled("title", extracted.title),
    ...filled("author", extracted.author),
    ...filled("sourceName", extracted.sourceName),
    ...filled("publishedAt", extracted.publishedAt),
  };
}
