import { readFileSync } from "node:fs";
import path from "node:path";
import { DEMO_ARTICLES, DEMO_CLAIMS, DEMO_EVENTS } from "@/lib/demo";

/**
 * An annotated corpus as `npm run eval` reads it: articles by outlet, and
 * claims (offsets into the article text, UTF-16 code units) with their tags
 * and the events they are linked to.
 */
export interface EvalCorpus {
  name: string;
  articles: { id: string; outlet: string; text: string }[];
  events: { id: string; title: string }[];
  annotations: EvalAnnotation[];
}

export interface EvalAnnotation {
  articleId: string;
  start: number;
  end: number;
  exact: string;
  tags: string[];
  events: string[];
}

/** A corpus as its JSON file holds it: quotes, placed at their first occurrence in the article, or the one named. */
interface CorpusFile {
  name: string;
  articles: { id: string; outlet: string; text: string }[];
  events: { id: string; title: string }[];
  annotations: { articleId: string; quote: string; occurrence?: number; tags: string[]; events: string[] }[];
}

const projectRoot = path.resolve(import.meta.dirname, "..", "..");

/** The corpus of a JSON file (eval/corpus/*.json); throws if a quote is not in its article. */
export function loadCorpus(file: string): EvalCorpus {
  const corpus = JSON.parse(readFileSync(path.resolve(projectRoot, file), "utf8")) as CorpusFile;
  return {
    name: corpus.name,
    articles: corpus.articles,
    events: corpus.events,
    annotations: corpus.annotations.map((annotation) => placed(corpus.articles, annotation)),
  };
}

/** The demo project as the seed makes it (prisma/seed): its two articles, its events and the claims it keeps. */
export function demoCorpus(): EvalCorpus {
  const articles = DEMO_ARTICLES.map((article) => ({
    id: article.id,
    outlet: article.sourceName,
    text: readFileSync(path.join(projectRoot, "prisma", "seed", "articles", article.file), "utf8"),
  }));
  return {
    name: "demo",
    articles,
    events: DEMO_EVENTS.map(({ id, title }) => ({ id, title })),
    annotations: DEMO_CLAIMS.map(({ articleId, quote, tags, links }) =>
      placed(articles, { articleId, quote, tags, events: links.map((link) => link.eventId) }),
    ),
  };
}

function placed(
  articles: EvalCorpus["articles"],
  { articleId, quote, occurrence = 1, tags, events }: CorpusFile["annotations"][number],
): EvalAnnotation {
  const text = articles.find((article) => article.id === articleId)?.text ?? "";
  let start = -1;
  for (let seen = 0; seen < occurrence; seen++) start = text.indexOf(quote, start + 1);
  if (start < 0) throw new Error(`“${quote}” is not in article ${articleId}`);
  return { articleId, start, end: start + quote.length, exact: quote, tags, events };
}
