"use client";

import Link from "@/components/ui/link";
import { useState } from "react";
import { callApi } from "@/components/client/api-client";
import { ActionMessage, useRefreshingAction } from "@/components/ui/action-message";
import { formatCalendarDate } from "@/components/ui/format";

export interface ArticleRow {
  id: string;
  title: string;
  source: string | null;
  publishedAt: string | null;
  annotationCount: number;
}

interface Coder {
  userId: string;
  name: string;
}

/** What editors get on top of the list: the coders to choose from and each article's assignees. */
export interface Assigning {
  coders: Coder[];
  assignees: Record<string, Coder[]>;
}

const none = <span className="text-stone-400">—</span>;

/**
 * The project's articles. For editors (`assigning`), each row has a check
 * box and its coders, and a bar above assigns the chosen coders to the
 * selected articles (or takes the articles from them), one request per
 * article through the API, each with the article's whole new list.
 */
export function ArticleTable({ articles, assigning }: { articles: ArticleRow[]; assigning?: Assigning }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (id: string, isOn: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (isOn) next.add(id);
      else next.delete(id);
      return next;
    });
  const allSelected = articles.length > 0 && articles.every((article) => selected.has(article.id));
  const cell = "px-4 py-3";
  return (
    <div className="space-y-3">
      {assigning && (
        <AssignBar
          assigning={assigning}
          selected={articles.filter((article) => selected.has(article.id))}
          onDone={() => setSelected(new Set())}
        />
      )}
      <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-xs">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-500">
            <tr>
              {assigning && (
                <th scope="col" className="w-10 py-3 pl-4">
                  <input
                    type="checkbox"
                    aria-label="Select every article of this page"
                    checked={allSelected}
                    onChange={(event) =>
                      setSelected(event.target.checked ? new Set(articles.map((article) => article.id)) : new Set())
                    }
                    className="size-4"
                  />
                </th>
              )}
              <th scope="col" className={`${cell} font-medium`}>
                Title
              </th>
              <th scope="col" className={`${cell} font-medium`}>
                Source
              </th>
              <th scope="col" className={`${cell} font-medium`}>
                Published
              </th>
              {assigning && (
                <th scope="col" className={`${cell} font-medium`}>
                  Coders
                </th>
              )}
              <th scope="col" className={`${cell} text-right font-medium`}>
                Annotations
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {articles.map((article) => (
              <tr key={article.id} className="hover:bg-stone-50">
                {assigning && (
                  <td className="py-3 pl-4">
                    <input
                      type="checkbox"
                      aria-label={`Select ${article.title}`}
                      checked={selected.has(article.id)}
                      onChange={(event) => toggle(article.id, event.target.checked)}
                      className="size-4"
                    />
                  </td>
                )}
                <td className={`${cell} min-w-52`} data-testid="article-title">
                  <Link href={`/articles/${article.id}`} className="font-medium text-indigo-700 hover:underline">
                    {article.title}
                  </Link>
                </td>
                <td className={`${cell} text-stone-700`}>{article.source ?? none}</td>
                <td className={`${cell} whitespace-nowrap text-stone-700`}>
                  {formatCalendarDate(article.publishedAt) ?? none}
                </td>
                {assigning && (
                  <td className={`${cell} min-w-32 text-stone-700`} data-testid="article-coders">
                    {assigning.assignees[article.id]?.map((coder) => coder.name).join(", ") || none}
                  </td>
                )}
                <td className={`${cell} text-right tabular-nums text-stone-700`}>{article.annotationCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Choose coders, then assign them to the selected articles or take the articles from them. */
function AssignBar({
  assigning,
  selected,
  onDone,
}: {
  assigning: Assigning;
  selected: ArticleRow[];
  onDone: () => void;
}) {
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [isBusy, setBusy] = useState(false);
  const { message, run } = useRefreshingAction();
  const chosenCoders = assigning.coders.filter((coder) => chosen.has(coder.userId));

  async function apply(adding: boolean) {
    setBusy(true);
    const succeeded = await run(async () => {
      for (const article of selected) {
        const current = (assigning.assignees[article.id] ?? []).map((coder) => coder.userId);
        const userIds = adding
          ? [...new Set([...current, ...chosen])]
          : current.filter((userId) => !chosen.has(userId));
        await callApi("PUT", `/api/v1/articles/${article.id}/assignees`, { body: { userIds } });
      }
      const articles = `${selected.length} article${selected.length === 1 ? "" : "s"}`;
      const names = chosenCoders.map((coder) => coder.name).join(", ");
      return adding ? `Assigned ${articles} to ${names}.` : `Took ${articles} from ${names}.`;
    });
    setBusy(false);
    if (succeeded) onDone();
  }

  if (assigning.coders.length === 0) return null;
  const canApply = selected.length > 0 && chosen.size > 0 && !isBusy;
  return (
    <section
      aria-label="Assign articles"
      className="space-y-2 rounded-lg border border-stone-200 bg-stone-50 px-4 py-3 text-sm"
    >
      <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <legend className="float-left mr-2 font-medium text-stone-800">
          {selected.length === 0
            ? "Select articles, then coders:"
            : `${selected.length} article${selected.length === 1 ? "" : "s"} selected; coders:`}
        </legend>
        {assigning.coders.map((coder) => (
          <label key={coder.userId} className="flex items-center gap-1.5 py-1">
            <input
              type="checkbox"
              checked={chosen.has(coder.userId)}
              onChange={(event) =>
                setChosen((previous) => {
                  const next = new Set(previous);
                  if (event.target.checked) next.add(coder.userId);
                  else next.delete(coder.userId);
                  return next;
                })
              }
              className="size-4"
            />
            {coder.name}
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          disabled={!canApply}
          onClick={() => apply(true)}
          className={`rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white shadow-xs hover:bg-indigo-500
            disabled:cursor-not-allowed disabled:bg-stone-400`}
        >
          Assign
        </button>
        <button
          type="button"
          disabled={!canApply}
          onClick={() => apply(false)}
          className={`rounded-md border border-stone-300 bg-white px-3 py-1.5 font-medium text-stone-800
            hover:bg-stone-50 disabled:cursor-not-allowed disabled:text-stone-500`}
        >
          Unassign
        </button>
      </div>
      <div aria-live="polite">
        <ActionMessage message={message} />
      </div>
    </section>
  );
}
