"use client";

import { useState } from "react";
import { UnpublishableClaims } from "./unpublishable-claims";
import { callApi } from "@/components/client/api-client";
import { CloseButton, ModalDialog } from "@/components/ui/modal-dialog";
import type { ArticleSummary } from "@/lib/articles";
import type { Page } from "@/lib/pagination";

const FORMATS = [
  { value: "csv", label: "CSV", hint: "one row per annotation, for spreadsheets and statistics" },
  { value: "pdf", label: "PDF report", hint: "the report to publish or hand around" },
  { value: "md", label: "Markdown report", hint: "events, omissions, framing, every claim" },
  { value: "json", label: "Project JSON", hint: "everything, to archive or import elsewhere" },
  { value: "jsonld", label: "W3C Web Annotation", hint: "JSON-LD for other annotation tools" },
  {
    value: "claimreview",
    label: "ClaimReview",
    hint: "schema.org fact-check markup for approved claims with a verdict",
  },
] as const;

const STATUSES = ["DRAFT", "SUBMITTED", "APPROVED", "REJECTED"] as const;
/** Formats made to publish: without a status chosen they take approved claims only. */
const PUBLISHED: readonly string[] = ["pdf", "md", "claimreview"];

interface ExportDialogProps {
  projectId: string;
  projectName: string;
  tags: string[];
}

type ArticleChoices =
  | { state: "unloaded" | "loading" }
  | { state: "loaded"; articles: { id: string; label: string }[] }
  | { state: "failed"; message: string };

/**
 * Every article of the project, page after page of the API's largest pages: the picker must offer them all, not the
 * page shown.
 */
async function loadArticleChoices(projectId: string): Promise<{ id: string; label: string }[]> {
  const choices: { id: string; label: string }[] = [];
  let cursor: string | null = null;
  do {
    const query: string = new URLSearchParams({ limit: "200", ...(cursor ? { cursor } : {}) }).toString();
    const page: Page<ArticleSummary> = await callApi<Page<ArticleSummary>>(
      "GET",
      `/api/v1/projects/${projectId}/articles?${query}`,
    );
    for (const article of page.items)
      choices.push({ id: article.id, label: `${article.source?.name ?? "No outlet"} — ${article.title}` });
    cursor = page.nextCursor;
  } while (cursor);
  return choices;
}

/** The project's exports: a format, optional filters, and a download link to the export API. */
export function ExportDialog({ projectId, projectName, tags }: ExportDialogProps) {
  const [format, setFormat] = useState<(typeof FORMATS)[number]["value"]>("csv");
  const [chosenArticles, setChosenArticles] = useState<string[]>([]);
  const [articleChoices, setArticleChoices] = useState<ArticleChoices>({ state: "unloaded" });
  const [tag, setTag] = useState("");
  const [status, setStatus] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [bom, setBom] = useState(false);

  const filters = new URLSearchParams();
  if (chosenArticles.length > 0) filters.set("articles", chosenArticles.join(","));
  if (tag) filters.set("tags", tag);
  // "all" means every status to the reports; the data formats take every status anyway.
  if (status && (status !== "all" || PUBLISHED.includes(format))) filters.set("status", status);
  if (from) filters.set("from", from);
  if (to) filters.set("to", to);
  const query = new URLSearchParams({ format, ...Object.fromEntries(filters) });
  if (format === "csv" && bom) query.set("bom", "1");
  const href = `/api/v1/projects/${projectId}/export?${query}`;
  const field = "w-full rounded-md border border-stone-300 px-2 py-1 text-sm";

  function loadArticles() {
    if (articleChoices.state === "loading" || articleChoices.state === "loaded") return;
    setArticleChoices({ state: "loading" });
    loadArticleChoices(projectId).then(
      (articles) => setArticleChoices({ state: "loaded", articles }),
      (failure: unknown) =>
        setArticleChoices({
          state: "failed",
          message: failure instanceof Error ? failure.message : "The articles could not be loaded.",
        }),
    );
  }

  return (
    <ModalDialog opener="Export" title={`Export ${projectName}`} width="max-w-lg">
      {(close) => (
        <>
          <fieldset>
            <legend className="mb-1 text-sm font-medium">Format</legend>
            {FORMATS.map((option) => (
              <label key={option.value} className="flex items-start gap-2 py-0.5 text-sm">
                <input
                  type="radio"
                  name="format"
                  value={option.value}
                  checked={format === option.value}
                  onChange={() => setFormat(option.value)}
                  className="mt-1"
                />
                <span>
                  <span className="font-medium">{option.label}</span>{" "}
                  <span className="text-stone-500">— {option.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {PUBLISHED.includes(format) && !status && (
            <p className="text-xs text-stone-600" data-testid="export-approved-only">
              Approved claims only: choose another status under Filters to include them.
            </p>
          )}
          <details className="text-sm" onToggle={(event) => event.currentTarget.open && loadArticles()}>
            <summary className="cursor-pointer font-medium">Filters (optional)</summary>
            <div className="mt-2 grid gap-2">
              <label className="text-xs text-stone-600">
                Articles (none chosen: all)
                <select
                  multiple
                  value={chosenArticles}
                  disabled={articleChoices.state !== "loaded"}
                  onChange={(event) =>
                    setChosenArticles([...event.target.selectedOptions].map((option) => option.value))
                  }
                  className={`${field} h-24`}
                >
                  {articleChoices.state === "loaded" &&
                    articleChoices.articles.map((article) => (
                      <option key={article.id} value={article.id}>
                        {article.label}
                      </option>
                    ))}
                </select>
              </label>
              {articleChoices.state === "loading" && <p className="text-xs text-stone-500">Loading the articles…</p>}
              {articleChoices.state === "failed" && (
                <p role="alert" className="text-xs text-red-700">
                  {articleChoices.message}{" "}
                  <button type="button" onClick={loadArticles} className="underline">
                    Try again
                  </button>
                </p>
              )}
              <div className="grid grid-cols-2 gap-2">
                <label className="text-xs text-stone-600">
                  Tag
                  <select value={tag} onChange={(event) => setTag(event.target.value)} className={field}>
                    <option value="">Any tag</option>
                    {tags.map((name) => (
                      <option key={name}>{name}</option>
                    ))}
                  </select>
                </label>
                <label className="text-xs text-stone-600">
                  Status
                  <select value={status} onChange={(event) => setStatus(event.target.value)} className={field}>
                    <option value="">{PUBLISHED.includes(format) ? "Approved (to publish)" : "Any status"}</option>
                    {PUBLISHED.includes(format) && <option value="all">Any status</option>}
                    {STATUSES.map((value) => (
                      <option key={value} value={value}>
                        {value.charAt(0) + value.slice(1).toLowerCase()}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="text-xs text-stone-600">
                  Annotated from
                  <input type="date" value={from} onChange={(event) => setFrom(event.target.value)} className={field} />
                </label>
                <label className="text-xs text-stone-600">
                  to
                  <input type="date" value={to} onChange={(event) => setTo(event.target.value)} className={field} />
                </label>
              </div>
            </div>
          </details>
          {format === "csv" && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={bom} onChange={(event) => setBom(event.target.checked)} /> For Excel
              (UTF-8 with a byte order mark)
            </label>
          )}
          {format === "claimreview" && <UnpublishableClaims projectId={projectId} filters={filters.toString()} />}
          <div className="flex items-center gap-2">
            <a
              href={href}
              download
              className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700"
            >
              Download
            </a>
            <CloseButton onClick={close} />
          </div>
        </>
      )}
    </ModalDialog>
  );
}
