import "server-only";
import { unprocessable } from "@/lib/errors";
import { runInWorker } from "@/lib/workers/pool";

/** An article import's fields, with what its page says about its outlet beyond the name. */
export interface ResolvedArticleInput {
  input: unknown;
  /** The outlet's homepage as the page states it (its publisher's URL, else its site): a new outlet gets it. */
  statedHomepage: string | null;
}

/**
 * An article import may send `html` instead of `text`: the extracted text
 * replaces it, the page's canonical URL replaces the URL sent, and the
 * page's title, author, outlet and date fill the fields the caller left out
 * (lib/articles/page-metadata). Anything else passes through unchanged to
 * validation.
 */
export async function resolveHtmlInput(input: unknown): Promise<ResolvedArticleInput> {
  if (typeof input !== "object" || input === null || Array.isArray(input) || !("html" in input))
    return { input, statedHomepage: null };
  const { html, ...rest } = input as Record<string, unknown> & { html: unknown };
  if (typeof html !== "string")
    throw unprocessable("html must be a string of HTML.", { issues: [{ path: "html", message: "must be a string" }] });
  if ("text" in rest)
    throw unprocessable("Send either text or html, not both.", {
      issues: [{ path: "html", message: "text was sent too" }],
    });
  const extracted = await runInWorker("extractArticle", { html, url: typeof rest.url === "string" ? rest.url : null });
  const filled = (key: string, value: string | null) =>
    (rest[key] === undefined || rest[key] === null || rest[key] === "") && value !== null ? { [key]: value } : {};
  return {
    input: {
      ...rest,
      text: extracted.text,
      ...(extracted.url ? { url: extracted.url } : {}),
      ...filled("title", extracted.title),
      ...filled("author", extracted.author),
      ...filled("sourceName", extracted.sourceName),
      ...filled("publishedAt", extracted.publishedAt),
    },
    statedHomepage: extracted.publisherUrl ?? (extracted.url ? new URL("/", extracted.url).href : null),
  };
}
