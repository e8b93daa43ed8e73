"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import Link from "@/components/ui/link";
import { ApiFailure, callApi } from "@/components/client/api-client";
import { CloseButton, ModalDialog } from "@/components/ui/modal-dialog";
import { headlineOf } from "@/lib/articles/headline";

interface FileOutcome {
  name: string;
  state: "waiting" | "importing" | "done" | "failed";
  message?: string;
  /** The article the file made, or the one already in the project with its URL. */
  article?: { id: string; title: string };
}

interface ImportedArticle {
  id: string;
  title: string;
  source: { name: string } | null;
  author: string | null;
  publishedAt: string | null;
}

/** What an imported article's page gave it, so the importer sees at once what to fill in. */
function articleSummary(article: ImportedArticle): string {
  const found = [article.source?.name ?? "no outlet yet", article.author, article.publishedAt];
  return `article “${article.title}”: ${found.filter(Boolean).join(", ")}`;
}

/** A 409 for a URL the project already has names that article: the outcome links to it. */
class AlreadyImported extends Error {
  constructor(
    message: string,
    readonly article: { id: string; title: string },
  ) {
    super(message);
  }
}

interface ArticleChoice {
  id: string;
  title: string;
}

/** Every article of the project (id and title), page by page. */
async function projectArticles(projectId: string): Promise<ArticleChoice[]> {
  const all: ArticleChoice[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const page: { items: ArticleChoice[]; nextCursor: string | null } = await callApi(
      "GET",
      `/api/v1/projects/${projectId}/articles?limit=200${query}`,
    );
    all.push(...page.items.map(({ id, title }) => ({ id, title })));
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** What an import answered, in a few words. */
function summary(report: Record<string, unknown>): string {
  if (report.kind === "project") {
    const counts = report.imported as Record<string, number>;
    const authors = report.authors as { matched: number; created: number };
    return (
      `${counts.articles} articles, ${counts.annotations} annotations, ${counts.events} events; authors: ` +
      `${authors.matched} with an account here, ${authors.created} new (inactive until invited)`
    );
  }
  if (report.kind === "web-annotation")
    return `${report.imported} annotations placed, ${report.reanchored} re-anchored, ${report.rejected} rejected`;
  return "imported";
}

/** Whether an import body is one of W3C Web Annotations (not our project export nor articles in bulk). */
function isWebAnnotations(parsed: unknown): boolean {
  const file = parsed as { format?: unknown; articles?: unknown } | null;
  return file !== null && typeof file === "object" && file.format !== "parallax.project" && !("articles" in file);
}

/**
 * Sends one file where it belongs: JSON to the import endpoint (W3C annotations onto `articleId` when one is chosen),
 * HTML and plain text as articles.
 */
async function importFile(projectId: string, file: File, articleId: string): Promise<string> {
  const content = await file.text();
  const name = file.name.replace(/\.[^.]+$/, "");
  if (/\.(json|jsonld)$/i.test(file.name)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      throw new Error("This file is not valid JSON.");
    }
    const onto = articleId && isWebAnnotations(parsed) ? `?article=${encodeURIComponent(articleId)}` : "";
    return summary(
      await callApi<Record<string, unknown>>("POST", `/api/v1/projects/${projectId}/import${onto}`, { body: parsed }),
    );
  }
  // A plain text is titled by its headline line (kept in the text), else by its file's name; its outlet is left
  // for the importer to choose.
  const body = /\.html?$/i.test(file.name) ? { html: content } : { title: headlineOf(content) ?? name, text: content };
  try {
    return articleSummary(await callApi<ImportedArticle>("POST", `/api/v1/projects/${projectId}/articles`, { body }));
  } catch (failure) {
    const existing = (failure as ApiFailure).details as { articleId?: string; title?: string } | undefined;
    if (failure instanceof ApiFailure && failure.status === 409 && existing?.articleId && existing.title)
      throw new AlreadyImported(failure.message, { id: existing.articleId, title: existing.title });
    throw failure;
  }
}

/**
 * Imports files into the project: project exports and W3C Web Annotations
 * (.json, .jsonld), web pages (.html: the article text is extracted) and
 * plain texts (.txt), several at once with their progress; or pasted HTML.
 */
export function ImportDialog({ projectId }: { projectId: string }) {
  const router = useRouter();
  const [outcomes, setOutcomes] = useState<FileOutcome[]>([]);
  const [articles, setArticles] = useState<ArticleChoice[] | null>(null);
  const [articleId, setArticleId] = useState("");
  const [running, setRunning] = useState(false);
  const [html, setHtml] = useState("");
  const [url, setUrl] = useState("");
  const [pasteMessage, setPasteMessage] = useState<string | null>(null);
  const ids = useId();

  async function importFiles(files: File[]) {
    setRunning(true);
    setOutcomes(files.map((file) => ({ name: file.name, state: "waiting" })));
    for (const [index, file] of files.entries()) {
      const update = (outcome: Partial<FileOutcome>) =>
        setOutcomes((current) => current.map((item, at) => (at === index ? { ...item, ...outcome } : item)));
      update({ state: "importing" });
      try {
        update({ state: "done", message: await importFile(projectId, file, articleId) });
      } catch (failure) {
        const article = failure instanceof AlreadyImported ? failure.article : undefined;
        update({ state: "failed", message: (failure as Error).message, article });
      }
    }
    setRunning(false);
    router.refresh();
  }

  async function importPasted() {
    setPasteMessage(null);
    try {
      const article = await callApi<{ title: string }>("POST", `/api/v1/projects/${projectId}/articles`, {
        body: { html, ...(url ? { url } : {}) },
      });
      setPasteMessage(`Imported “${article.title}”.`);
      setHtml("");
      router.refresh();
    } catch (failure) {
      setPasteMessage((failure as Error).message);
    }
  }

  const done = outcomes.filter((outcome) => outcome.state === "done" || outcome.state === "failed").length;
  return (
    <ModalDialog
      opener="Import files"
      title="Import into this project"
      // The project's articles, for placing W3C annotations on one: read afresh each time the dialog opens.
      onOpen={() => void projectArticles(projectId).then(setArticles, () => setArticles([]))}
    >
      {(close) => (
        <>
          <section className="space-y-2">
            <label htmlFor={`${ids}-files`} className="block text-sm font-medium">
              Files
            </label>
            <p className="text-xs text-stone-600">
              A project export (.json) or W3C Web Annotations (.jsonld), web pages (.html, the article text is
              extracted) and plain texts (.txt). An import that fails changes nothing.
            </p>
            <label htmlFor={`${ids}-article`} className="block text-xs font-medium text-stone-700">
              Place W3C annotations on
            </label>
            <select
              id={`${ids}-article`}
              value={articleId}
              disabled={running}
              onChange={(event) => setArticleId(event.target.value)}
              className="w-full rounded-md border border-stone-300 px-2 py-1 text-sm"
            >
              <option value="">The article each annotation names (its URL or id)</option>
              {(articles ?? []).map((article) => (
                <option key={article.id} value={article.id}>
                  {article.title}
                </option>
              ))}
            </select>
            <input
              id={`${ids}-files`}
              type="file"
              multiple
              accept=".json,.jsonld,.html,.htm,.txt"
              disabled={running}
              onChange={(event) => {
                const files = [...(event.target.files ?? [])];
                event.target.value = "";
                if (files.length) void importFiles(files);
              }}
              className="block text-sm"
            />
            {outcomes.length > 0 && (
              <div aria-live="polite" className="space-y-1">
                <progress max={outcomes.length} value={done} className="w-full" aria-label="Import progress" />
                <p className="text-xs text-stone-600" data-testid="import-progress">
                  {done} / {outcomes.length} files
                </p>
                <ul className="max-h-48 space-y-0.5 overflow-y-auto text-sm wrap-anywhere" aria-label="Imported files">
                  {outcomes.map((outcome, index) => (
                    <li
                      // biome-ignore lint/suspicious/noArrayIndexKey: a row per file, in order; names repeat.
                      key={index}
                      className={
                        outcome.state === "failed"
                          ? "text-red-700"
                          : outcome.state === "done"
                            ? "text-emerald-800"
                            : "text-stone-500"
                      }
                    >
                      {outcome.name}:{" "}
                      {outcome.state === "done" || outcome.state === "failed"
                        ? outcome.message
                        : outcome.state === "importing"
                          ? "importing…"
                          : "waiting"}
                      {outcome.article && (
                        <>
                          {" "}
                          <Link href={`/articles/${outcome.article.id}`} className="font-medium underline">
                            Open “{outcome.article.title}”
                          </Link>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </section>
          <section className="space-y-2 border-t border-stone-100 pt-4">
            <label htmlFor={`${ids}-html`} className="block text-sm font-medium">
              Or paste a web page&apos;s HTML
            </label>
            <textarea
              id={`${ids}-html`}
              value={html}
              onChange={(event) => setHtml(event.target.value)}
              rows={5}
              className="w-full rounded-md border border-stone-300 p-2 font-mono text-xs"
            />
            <input
              aria-label="Page URL (optional)"
              placeholder="Page URL (optional)"
              value={url}
              onChange={(event) => setUrl(event.target.value)}
              className="w-full rounded-md border border-stone-300 px-2 py-1 text-sm"
            />
            <button
              type="button"
              disabled={!html.trim()}
              onClick={importPasted}
              className={`rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700
                disabled:opacity-50`}
            >
              Extract and import
            </button>
            {pasteMessage && (
              <p role="status" className="text-sm">
                {pasteMessage}
              </p>
            )}
          </section>
          <CloseButton onClick={close} />
        </>
      )}
    </ModalDialog>
  );
}
