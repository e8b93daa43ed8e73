import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { type ArticleDetail, storeImportedArticle } from "@/lib/articles";
import { assertUrlNotInProject } from "@/lib/articles/duplicates";
import { headlineOf } from "@/lib/articles/headline";
import { fetchPage } from "@/lib/articles/url-fetch";
import { AppError, errorBody } from "@/lib/errors";
import { requireProjectPermission } from "@/lib/permissions";
import { label, optionalDate, optionalText, parseInput, storableString } from "@/lib/validation";

/** At most this many URLs in one request (each is fetched: up to 10 s apiece). */
export const MAX_URLS = 50;
/** Pages fetched at once for one request: a slow site holds up only its own line. */
const FETCHES_AT_ONCE = 4;

/**
 * `{ url }` and metadata that overrides the page's. The URL is checked by
 * the fetch (scheme and address), so that every refusal says why the same way.
 */
const urlImportInput = z.strictObject({
  url: storableString.pipe(z.string().trim().min(1, "must not be empty").max(2048)),
  title: label(500).optional(),
  sourceName: optionalText(200),
  author: optionalText(300),
  publishedAt: optionalDate,
});
const urlBatchInput = z.array(urlImportInput).min(1, "send at least one URL").max(MAX_URLS);

/** A body that asks for a page to be fetched: a `url` with neither `text` nor `html`. */
export function isUrlImport(input: unknown): boolean {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return false;
  return "url" in input && !("text" in input) && !("html" in input);
}

/** An array of bodies that each ask for a page to be fetched. */
export function isUrlImportBatch(input: unknown): input is unknown[] {
  return Array.isArray(input) && input.length > 0 && input.every(isUrlImport);
}

/** One URL's outcome in a batch: the status it would have had alone, and the article or the error. */
export interface UrlImportResult {
  url: string;
  status: number;
  article?: ArticleDetail;
  error?: ReturnType<typeof errorBody>["error"];
}

/** The URL as the fetch will first request it, or null when it is none (the fetch then refuses it). */
function requestedUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    parsed.hash = "";
    return parsed.href;
  } catch {
    return null;
  }
}

/** Fetches `input.url` and imports the page as an uploaded one is (storeImportedArticle), unless the project has it. */
async function importFromUrl(actor: Actor, projectId: string, input: Record<string, unknown>) {
  const { url } = parseInput(urlImportInput, input);
  const requested = requestedUrl(url);
  if (requested) await assertUrlNotInProject(projectId, requested);
  const page = await fetchPage(url);
  const given = { ...input, url: page.url };
  // A plain text without a headline line is titled by its address.
  return storeImportedArticle(
    actor,
    projectId,
    page.kind === "html"
      ? { ...given, html: page.body }
      : { ...given, text: page.body, title: input.title ?? headlineOf(page.body) ?? page.url.slice(0, 500) },
  );
}

/**
 * Imports the page at `{ url }` as an article: fetched safely (lib/articles/url-fetch.ts), its text and metadata
 * extracted as an uploaded page's, the fields sent overriding the page's. A URL already in the project is a 409.
 */
export async function importArticleFromUrl(actor: Actor, projectId: string, input: unknown): Promise<ArticleDetail> {
  await requireProjectPermission(actor, projectId, "article.create");
  return importFromUrl(actor, projectId, input as Record<string, unknown>);
}

/**
 * Imports up to 50 URLs, each on its own: one URL's refusal stores nothing of it and keeps none of the others from
 * being imported. A malformed batch (a bad field in any item) is refused whole, before anything is fetched.
 */
export async function importArticlesFromUrls(
  actor: Actor,
  projectId: string,
  input: unknown[],
): Promise<UrlImportResult[]> {
  await requireProjectPermission(actor, projectId, "article.create");
  const items = parseInput(urlBatchInput, input);
  return mapConcurrently(input as Record<string, unknown>[], FETCHES_AT_ONCE, async (item, index) => {
    const url = items[index]!.url;
    try {
      return { url, status: 201, article: await importFromUrl(actor, projectId, item) };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { url, status: error.status, error: errorBody(error.code, error.message, error.details).error };
    }
  });
}

/** `work` on every item, at most `limit` at once, the results in the items' order. */
async function mapConcurrently<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>) {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
