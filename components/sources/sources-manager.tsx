"use client";

import Link from "@/components/ui/link";
import { type FormEvent, useState } from "react";
import { callApi } from "@/components/client/api-client";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { MergeInto } from "@/components/ui/merge-into";
import { type UndoableRun as RunAction, UndoableMessage, useUndoableAction } from "@/components/ui/undoable-action";
import type { SourceView } from "@/lib/sources";

const field = "w-full rounded-md border border-stone-300 px-2 py-1 text-sm";

/**
 * The project's outlets; editors rename them, note their homepage, ownership and lean, and merge duplicates (with an
 * Undo right after).
 */
export function SourcesManager({ sources, canEdit }: { sources: SourceView[]; canEdit: boolean }) {
  const { message, run, undo } = useUndoableAction();
  if (sources.length === 0)
    return <p className="text-stone-600">No outlets yet. An outlet is added when an imported article names it.</p>;
  return (
    <div className="space-y-4">
      <div aria-live="polite">
        <UndoableMessage message={message} onUndo={undo} />
      </div>
      <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white shadow-xs">
        {sources.map((source) => (
          <SourceRow
            key={`${source.id}-${source.updatedAt}`}
            source={source}
            others={sources.filter((other) => other.id !== source.id)}
            canEdit={canEdit}
            run={run}
          />
        ))}
      </ul>
    </div>
  );
}

function SourceRow({
  source,
  others,
  canEdit,
  run,
}: {
  source: SourceView;
  others: SourceView[];
  canEdit: boolean;
  run: RunAction;
}) {
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState({
    name: source.name,
    homepage: source.homepage ?? "",
    notes: source.notes ?? "",
  });

  async function save(event: FormEvent) {
    event.preventDefault();
    const saved = await run(async () => {
      const updated = await callApi<SourceView>("PATCH", `/api/v1/sources/${source.id}`, {
        body: { name: values.name, homepage: values.homepage || null, notes: values.notes || null },
      });
      return `Saved “${updated.name}”.`;
    });
    if (saved) setEditing(false);
  }

  if (editing) {
    return (
      <li className="p-3">
        <form onSubmit={save} aria-label={`Edit ${source.name}`} className="grid gap-2 sm:grid-cols-2">
          <label className="text-xs text-stone-600">
            Name
            <input
              required
              value={values.name}
              onChange={(change) => setValues({ ...values, name: change.target.value })}
              className={field}
            />
          </label>
          <label className="text-xs text-stone-600">
            Homepage
            <input
              type="url"
              value={values.homepage}
              placeholder="https://…"
              onChange={(change) => setValues({ ...values, homepage: change.target.value })}
              className={field}
            />
          </label>
          <label className="text-xs text-stone-600 sm:col-span-2">
            Notes (ownership, lean, reliability)
            <textarea
              rows={2}
              value={values.notes}
              onChange={(change) => setValues({ ...values, notes: change.target.value })}
              className={field}
            />
          </label>
          <div className="flex gap-2">
            <button
              type="submit"
              className="rounded-md bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-700"
            >
              Save outlet
            </button>
            <button
              type="button"
              onClick={() => setEditing(false)}
              className="rounded-md px-3 py-1 text-sm hover:bg-stone-100"
            >
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  }
  return (
    <li className="flex flex-wrap items-start gap-3 px-4 py-3" data-testid="source-row">
      <div className="min-w-0 flex-1">
        <p className="font-medium text-stone-900" data-testid="source-name">
          {source.name}
        </p>
        <p className="text-xs text-stone-500">
          {source.articleCount === 0 ? (
            "0 articles"
          ) : (
            <Link
              href={`/projects/${source.projectId}?${new URLSearchParams({ source: source.name })}`}
              className="text-indigo-700 hover:underline"
            >
              {source.articleCount} article{source.articleCount === 1 ? "" : "s"}
            </Link>
          )}
          {source.homepage && (
            <>
              {" · "}
              <a
                href={source.homepage}
                rel="noopener noreferrer nofollow"
                target="_blank"
                className="text-indigo-700 hover:underline"
              >
                {source.homepage}
              </a>
            </>
          )}
        </p>
        {source.notes && <p className="mt-1 whitespace-pre-line text-sm text-stone-700">{source.notes}</p>}
      </div>
      {canEdit && (
        <div className="flex items-center gap-2">
          <button
            type="button"
            onClick={() => setEditing(true)}
            className="rounded-md border border-stone-300 px-2 py-1 text-xs hover:bg-stone-50"
          >
            Edit
          </button>
          {others.length > 0 && (
            <MergeInto
              name={source.name}
              others={others}
              moves={
                source.articleCount === 0
                  ? "It has no live articles."
                  : source.articleCount === 1
                    ? "Its article moves there."
                    : `Its ${source.articleCount} articles move there.`
              }
              onMerge={(into) =>
                run(async () => {
                  const survivor = await callApi<SourceView>("POST", `/api/v1/sources/${source.id}/merge`, {
                    body: { into },
                  });
                  return {
                    text: `Merged “${source.name}” into “${survivor.name}”: its articles moved there.`,
                    undo: async () => {
                      await callApi("POST", `/api/v1/sources/${source.id}/undo-merge`);
                      return `Undid the merge: “${source.name}” is back with its articles.`;
                    },
                  };
                })
              }
            />
          )}
          {source.articleCount === 0 && (
            <ConfirmButton
              label="Delete"
              question={`Delete “${source.name}”?`}
              onConfirm={() =>
                run(async () => {
                  await callApi("DELETE", `/api/v1/sources/${source.id}`);
                  return `Deleted “${source.name}”.`;
                })
              }
              className="rounded-md border border-stone-300 px-2 py-1 text-xs text-red-700 hover:bg-red-50"
            />
          )}
        </div>
      )}
    </li>
  );
}
