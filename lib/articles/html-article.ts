import "server-only";
import { unprocessable } from "@/lib/errors";
import { runInWorker } from "@/lib/workers/pool";

/**
 * An article import may send `html` instead of `text`: the extracted text
 * replaces it, and the page's title, author, outlet and date fill the fields
 * the caller left out. Anything else passes through unchanged to validation.
 */
export async function resolveHtmlInput(input: unknown): Promise<unknown> {
  if (typeof input !== "object" || input === null || Array.isArray(input) || !("html" in input)) return input;
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
    ...rest,
    text: extracted.text,
    ...filled("title", extracted.title),
    ...filled("author", extracted.author),
    ...filled("sourceName", extracted.sourceName),
    ...filled("publishedAt", extracted.publishedAt),
  };
}
