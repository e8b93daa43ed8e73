"use client";

import Link from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ApiFailure, callApi } from "@/components/client/api-client";
import { CloseButton, ModalDialog } from "@/components/ui/modal-dialog";

/** As many URLs as the API takes in one batch (lib/articles/url-import.ts). */
const MAX_URLS = 50;

type Line =
  | { url: string; state: "queued" | "fetching" }
  | { url: string; state: "added"; articleId: string; title: string }
  | { url: string; state: "duplicate"; articleId: string; title: string }
  | { url: string; state: "refused"; reason: string };

/** The outcome of one URL's import, as its line shows it. */
async function importUrl(projectId: string, url: string): Promise<Line> {
  try {
    const article = await callApi<{ id: string; title: string }>("POST", `/api/v1/projects/${projectId}/articles`, {
      body: { url },
    });
    return { url, state: "added", articleId: article.id, title: article.title };
  } catch (failure) {
    const details = failure instanceof ApiFailure ? (failure.details as { articleId?: string; title?: string }) : null;
    if (failure instanceof ApiFailure && failure.status === 409 && details?.articleId)
      return { url, state: "duplicate", articleId: details.articleId, title: details.title ?? "the article" };
    return { url, state: "refused", reason: (failure as Error).message };
  }
}

function LineOutcome({ line }: { line: Line }) {
  switch (line.state) {
    case "queued":
      return <span className="text-stone-500">queued</span>;
    case "fetching":
      return <span className="text-stone-600">fetching…</span>;
    case "added":
      return (
        <span className="text-emerald-800">
          added:{" "}
          <Link href={`/articles/${line.articleId}`} className="underline">
            {line.title}
          </Link>
        </span>
      );
    case "duplicate":
      return (
        <span className="text-amber-800">
          already in the project as “{line.title}”:{" "}
          <Link href={`/articles/${line.articleId}`} className="underline">
            open existing
          </Link>
        </span>
      );
    case "refused":
      return <span className="text-red-700">refused: {line.reason}</span>;
  }
}

/**
 * Adds articles from their URLs, one URL per line (at most 50): the server
 * fetches and extracts each page. One request per URL, so each line shows
 * its progress (queued, fetching, added, already in the project, refused).
 */
export function UrlImportDialog({ projectId }: { projectId: string }) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [lines, setLines] = useState<Line[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const ids = useId();

  async function addAll() {
    const urls = text
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    if (urls.length > MAX_URLS) {
      setProblem(`That is ${urls.length} URLs: add at most ${MAX_URLS} at once.`);
      return;
    }
    setProblem(null);
    setRunning(true);
    setLines(urls.map((url) => ({ url, state: "queued" })));
    for (const [index, url] of urls.entries()) {
      const update = (line: Line) => setLines((current) => current.map((item, at) => (at === index ? line : item)));
      update({ url, state: "fetching" });
      update(await importUrl(projectId, url));
    }
    setRunning(false);
    setText("");
    router.refresh();
  }

  const finished = lines.filter((line) => line.state !== "queued" && line.state !== "fetching").length;
  return (
    <ModalDialog opener="Add from URLs" title="Add articles from URLs">
      {(close) => (
        <>
          <div className="space-y-2">
            <label htmlFor={`${ids}-urls`} className="block text-sm font-medium">
              URLs, one per line
            </label>
            <p id={`${ids}-hint`} className="text-xs text-stone-600">
              At most {MAX_URLS}. Each page is fetched and its article text and metadata extracted; a page already in
              the project is not added twice.
            </p>
            <textarea
              id={`${ids}-urls`}
              aria-describedby={`${ids}-hint`}
              value={text}
              onChange={(event) => setText(event.target.value)}
              disabled={running}
              rows={5}
              placeholder="https://…"
              className="w-full rounded-md border border-stone-300 p-2 font-mono text-xs"
            />
            <button
              type="button"
              disabled={running || !text.trim()}
              onClick={addAll}
              className={`rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700
                disabled:opacity-50`}
            >
              Add
            </button>
            {problem && (
              <p role="alert" className="text-sm text-red-700">
                {problem}
              </p>
            )}
          </div>
          {lines.length > 0 && (
            <div aria-live="polite" className="space-y-1">
              <p className="text-xs text-stone-600" data-testid="url-import-progress">
                {finished} / {lines.length} URLs
              </p>
              <ul className="max-h-60 space-y-1 overflow-y-auto text-sm" aria-label="URLs added">
                {lines.map((line, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a line per URL, in order; URLs may repeat.
                  <li key={index} className="break-words">
                    <span className="font-mono text-xs text-stone-700">{line.url}</span> <LineOutcome line={line} />
                  </li>
                ))}
              </ul>
            </div>
          )}
          <CloseButton onClick={close} />
        </>
      )}
    </ModalDialog>
  );
}
