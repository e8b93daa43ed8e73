/**
 * The article a page describes in its schema.org JSON-LD (`<script type="application/ld+json">`): a
 * `NewsArticle`, `Article`, `ReportageNewsArticle`, `BlogPosting`… found at the top, in an array, in an
 * `@graph` or as a page's `mainEntity`; authors and publisher given inline or by `@id`. Malformed JSON-LD is
 * skipped, never an error. Pure: runs on worker threads (html-extraction).
 */

export interface JsonLdArticle {
  headline: string | null;
  datePublished: string | null;
  dateModified: string | null;
  authors: string[];
  publisherName: string | null;
  publisherUrl: string | null;
  url: string | null;
}

type Node = Record<string, unknown>;

/** Real pages nest a few levels (a graph of pages, articles, people); deeper is not worth walking. */
const MAX_DEPTH = 6;

const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);

/** "NewsArticle", "schema:NewsArticle", "https://schema.org/NewsArticle" → "NewsArticle". */
const typeNames = (node: Node): string[] =>
  [node["@type"]].flat().flatMap((type) => (typeof type === "string" ? [type.replace(/^.*[/:#]/, "")] : []));

/** Article, NewsArticle and its kinds (ReportageNewsArticle, AnalysisNewsArticle…), BlogPosting, LiveBlogPosting. */
const isArticle = (node: Node) => typeNames(node).some((type) => /(?:Article|BlogPosting)$/.test(type));

/** Every object in the JSON-LD, depth first, with those that carry an `@id` indexed by it. */
function collectNodes(value: unknown, nodes: Node[], byId: Map<string, Node>, depth = 0): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) collectNodes(item, nodes, byId, depth + 1);
    return;
  }
  if (!isNode(value)) return;
  nodes.push(value);
  if (typeof value["@id"] === "string" && !byId.has(value["@id"])) byId.set(value["@id"], value);
  for (const key of ["@graph", "mainEntity", "mainEntityOfPage", "itemListElement"])
    collectNodes(value[key], nodes, byId, depth + 1);
}

/** Some sites write raw line breaks and tabs inside JSON strings; JSON.parse refuses them, a space does no harm. */
function parseLenient(source: string): unknown {
  try {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced here.
    return JSON.parse(source.replace(/[\u0000-\u001f]+/g, " "));
  } catch {
    return undefined;
  }
}

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() ? value.replace(/\s+/g, " ").trim() : null;

/** A person or organisation given as a name, an object with one, or a reference (`@id`) to one. */
function nameOf(value: unknown, byId: Map<string, Node>): string | null {
  if (typeof value === "string") return text(value);
  if (!isNode(value)) return null;
  const node = typeof value["@id"] === "string" && !("name" in value) ? (byId.get(value["@id"]) ?? value) : value;
  return text(node.name);
}

function resolve(value: unknown, byId: Map<string, Node>): Node | null {
  if (!isNode(value)) return null;
  return typeof value["@id"] === "string" && byId.has(value["@id"]) ? { ...byId.get(value["@id"]), ...value } : value;
}

/** The first article node of the page's JSON-LD blocks, read into plain fields; null when there is none. */
export function readJsonLdArticle(blocks: string[]): JsonLdArticle | null {
  const nodes: Node[] = [];
  const byId = new Map<string, Node>();
  for (const block of blocks) collectNodes(parseLenient(block), nodes, byId);
  const article = nodes.find(isArticle);
  if (!article) return null;
  const publisher = resolve([article.publisher].flat()[0], byId);
  const authors = [article.author]
    .flat()
    .map((author) => nameOf(author, byId))
    .filter((name): name is string => name !== null && !/^https?:\/\//i.test(name));
  const page = article.mainEntityOfPage;
  const url = text(article.url) ?? (typeof page === "string" ? text(page) : text(resolve(page, byId)?.["@id"]));
  return {
    headline: text(article.headline) ?? text(article.name),
    datePublished: text(article.datePublished),
    dateModified: text(article.dateModified),
    authors: [...new Set(authors)],
    publisherName: publisher ? text(publisher.name) : null,
    publisherUrl: publisher ? text(publisher.url) : null,
    url,
  };
}
