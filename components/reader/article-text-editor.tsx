"use client";

import { FormError } from "@/components/ui/form";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiFailure, callApi } from "@/components/client/api-client";

export interface ReanchorReport {
  revision: number;
  exact: number;
  moved: number;
  fuzzy: number;
  orphaned: number;
}

interface SavedArticle {
  revision: number;
  reanchor?: { exact: number; moved: number; fuzzy: number; orphaned: number };
}

/**
 * The editor's text edit: the whole text in a textarea, saved as a new
 * revision on top of the one shown (`baseRevision`, so a concurrent edit is
 * refused, not overwritten). The server re-anchors every annotation and
 * reports how.
 */
export function ArticleTextEditor({
  articleId,
  text,
  revision,
  onSaved,
  onCancel,
}: {
  articleId: string;
  text: string;
  revision: number;
  onSaved: (report: ReanchorReport) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(text);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    setSaving(true);
    setError(null);
    try {
      const saved = await callApi<SavedArticle>("PATCH", `/api/v1/articles/${articleId}`, {
        body: { text: draft, baseRevision: revision },
      });
      onSaved({ revision: saved.revision, exact: 0, moved: 0, fuzzy: 0, orphaned: 0, ...saved.reanchor });
    } catch (failure) {
      setError(
        failure instanceof ApiFailure && failure.status === 412
          ? `${failure.message} Your edit is still here: copy it, reload the page, and apply it again.`
          : (failure as Error).message,
      );
      setSaving(false);
    }
  }

  return (
    <div className="space-y-3" data-testid="article-text-editor">
      <label htmlFor="article-text-draft" className="block text-sm font-medium text-stone-800">
        Article text <span className="font-normal text-stone-500">(revision {revision}; one paragraph per line)</span>
      </label>
      <textarea
        id="article-text-draft"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        dir="auto"
        rows={24}
        className={`w-full rounded-md border border-stone-300 p-3 font-serif text-[1.02rem] leading-relaxed
          focus:border-indigo-500 focus:outline-none`}
      />
      <FormError message={error ?? undefined} />
      <div className="flex gap-2">
        <button
          type="button"
          onClick={save}
          disabled={saving || draft === text}
          className={`rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700
            disabled:opacity-60`}
        >
          {saving ? "Saving…" : "Save text"}
        </button>
        <button
          type="button"
          onClick={onCancel}
          className="rounded-md px-4 py-2 text-sm text-stone-700 hover:bg-stone-100"
        >
          Cancel
        </button>
      </div>
    </div>
  );
}

/**
 * The reader's text edit: whether the editor is open (`open` opens it and
 * calls `onOpen`), the report of the last save, and the editor to show.
 */
export function useTextEditing(article: { id: string; text: string; revision: number }, onOpen: () => void) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [report, setReport] = useState<ReanchorReport | null>(null);
  function open() {
    setEditing(true);
    setReport(null);
    onOpen();
  }
  const editor = editing && (
    <ArticleTextEditor
      articleId={article.id}
      text={article.text}
      revision={article.revision}
      onCancel={() => setEditing(false)}
      onSaved={(saved) => {
        setReport(saved);
        setEditing(false);
        router.refresh();
      }}
    />
  );
  return { editing, report, open, editor };
}
