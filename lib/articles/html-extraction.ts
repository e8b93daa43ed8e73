import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { unprocessable } from "../errors";
import { authorLine, type PageMetadata, readPageMetadata, withReadabilityFindings } from "./page-metadata";

/**
 * Readability's cost grows with the page's nesting far faster than with its
 * size (measured: 200 levels 0.09 s, 400 levels 0.26 s, 800 levels 1.9 s,
 * 5,000 levels minutes), and with its number of elements (100,000: 3.8 s).
 * Real news pages nest a few dozen levels and hold a few thousand elements.
 */
export const MAX_HTML_DEPTH = 256;
export const MAX_HTML_ELEMENTS = 60_000;

/** Refuses (422, naming the limit) a page nested deeper or holding more elements than extraction is allowed to cost. */
function assertWithinLimits(root: Element | null): void {
  let elements = 0;
  const stack: [Element, number][] = root ? [[root, 1]] : [];
  while (stack.length > 0) {
    const [element, depth] = stack.pop()!;
    if (depth > MAX_HTML_DEPTH) {
      throw unprocessable(
        `This HTML nests elements more than ${MAX_HTML_DEPTH} levels deep, the limit for extracting an article.`,
        {
          issues: [{ path: "html", message: `nested more than ${MAX_HTML_DEPTH} levels deep` }],
          limit: "depth",
          maxDepth: MAX_HTML_DEPTH,
        },
      );
    }
    if (++elements > MAX_HTML_ELEMENTS) {
      throw unprocessable(
        `This HTML has more than ${MAX_HTML_ELEMENTS.toLocaleString("en")} elements, the limit for extracting an ` +
          `article.`,
        {
          issues: [{ path: "html", message: `more than ${MAX_HTML_ELEMENTS} elements` }],
          limit: "elements",
          maxElements: MAX_HTML_ELEMENTS,
        },
      );
    }
    for (const child of element.children) stack.push([child, depth + 1]);
  }
}

/** The page's metadata (lib/articles/page-metadata), its text, and its authors as one line (authorLine). */
export interface ExtractedArticle extends PageMetadata {
  text: string;
  author: string | null;
}

/** Block elements whose text becomes one line (paragraph) of the article. */
const BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption";

/**
 * The main text of a web page, as Mozilla's Readability (Firefox's reader
 * view) finds it, on linkedom's server-side DOM: one line per paragraph,
 * scripts and markup dropped, never run. The page's metadata comes along
 * (lib/articles/page-metadata: JSON-LD, Open Graph, canonical link, then
 * what Readability finds).
 * Runs on a worker thread (lib/workers): it is CPU work in proportion to the page.
 */
export function extractArticle(html: string, url?: string | null): ExtractedArticle {
  const { document } = parseHTML(html);
  assertWithinLimits(document.documentElement);
  const metadata = readPageMetadata(document as unknown as Document, url ?? null);
  if (url) {
    const base = document.createElement("base");
    base.setAttribute("href", url);
    document.head?.appendChild(base);
  }
  const parsed = new Readability(document as unknown as Document, { keepClasses: false }).parse();
  if (!parsed?.content)
    throw unprocessable("No article text was found in this HTML.", {
      issues: [{ path: "html", message: "no article text found" }],
    });
  const { document: content } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
  const blocks = [...content.querySelectorAll(BLOCKS)].filter((element) => !element.parentElement?.closest(BLOCKS));
  const lines = (
    blocks.length > 0 ? blocks.map((element) => element.textContent ?? "") : (parsed.textContent ?? "").split(/\n+/)
  )
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  if (lines.length === 0)
    throw unprocessable("No article text was found in this HTML.", {
      issues: [{ path: "html", message: "no article text found" }],
    });
  const found = withReadabilityFindings(metadata, parsed);
  return { ...found, text: lines.join("\n"), author: authorLine(found.authors) };
}
