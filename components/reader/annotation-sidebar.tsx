"use client";

import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { AnnotationFilters, type AnnotationFilter } from "./annotation-filters";
import { callApi } from "@/components/client/api-client";
import { UndoButton } from "@/components/ui/undoable-action";
import { ShowMore } from "./show-more";
import type { ReaderAnnotation } from "./use-annotations";

/** The reader's last message: what was saved, submitted or refused. */
export interface ReaderStatus {
  kind: "info" | "error";
  text: string;
  /** Takes the action back (the message then offers "Undo"); resolves to what the reader says then. */
  undo?: () => Promise<string>;
  /** Undo takes the focus (when what had it is gone, such as a deleted annotation's card). */
  focusUndo?: boolean;
}

interface SidebarProps {
  articleId: string;
  /** The annotations anchored in the text, and those the filter lets through (in text order). */
  anchored: ReaderAnnotation[];
  shown: ReaderAnnotation[];
  /** The first of `shown`, rendered (see use-card-pages), and how many are not yet. */
  cards: { listed: ReaderAnnotation[]; remaining: number; showMore: () => void };
  orphans: ReaderAnnotation[];
  filter: AnnotationFilter;
  onFilter: (filter: AnnotationFilter) => void;
  status: ReaderStatus | null;
  onStatus: (status: ReaderStatus) => void;
  /** The viewer's own drafts, which a button submits for review. */
  ownDrafts: number;
  codesBlind: boolean;
  renderCard: (annotation: ReaderAnnotation, orphan: boolean) => ReactNode;
  /** The suggestions' section, for coders. */
  suggestions?: ReactNode;
}

/** The reader's sidebar: messages, the drafts' submission, filters, the annotations' cards, and the orphans. */
export function AnnotationSidebar({
  articleId,
  anchored,
  shown,
  cards,
  orphans,
  filter,
  onFilter,
  status,
  onStatus,
  ownDrafts,
  codesBlind,
  renderCard,
  suggestions,
}: SidebarProps) {
  return (
    <aside aria-label="Annotations" className="mt-10 lg:mt-0">
      <div
        data-sidebar-scroller
        className="space-y-3 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto lg:pr-1"
      >
        <h2 className="text-sm font-semibold text-stone-800">
          Annotations <span className="font-normal text-stone-500">({anchored.length})</span>
        </h2>
        <div aria-live="polite">
          {status && (
            <p
              role={status.kind === "error" ? "alert" : "status"}
              className={`rounded-md px-2.5 py-1.5 text-sm ${
                status.kind === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-900"
              }`}
            >
              {status.text}{" "}
              {status.undo && (
                <UndoButton
                  focus={status.focusUndo ?? false}
                  subject={status.text}
                  onUndo={() =>
                    status.undo!().then(
                      (text) => onStatus({ kind: "info", text }),
                      (failure: Error) => onStatus({ kind: "error", text: failure.message }),
                    )
                  }
                />
              )}
            </p>
          )}
        </div>
        {ownDrafts > 0 && <SubmitDrafts articleId={articleId} count={ownDrafts} onStatus={onStatus} />}
        {anchored.length > 0 && <AnnotationFilters annotations={anchored} filter={filter} onChange={onFilter} />}
        {anchored.length === 0 && (
          <p className="text-sm text-stone-500">
            {codesBlind
              ? "None of yours yet. Other members’ annotations show here once an editor approves them (blind coding)."
              : "No annotations yet."}
          </p>
        )}
        <ul className="space-y-2" data-testid="annotation-list">
          {cards.listed.map((annotation) => renderCard(annotation, false))}
        </ul>
        {cards.remaining > 0 && <ShowMore remaining={cards.remaining} onMore={cards.showMore} />}
        {anchored.length > 0 && shown.length === 0 && (
          <p className="text-sm text-stone-500">No annotation matches these filters.</p>
        )}
        {orphans.length > 0 && (
          <section aria-label="Orphaned annotations" className="border-t border-stone-200 pt-3">
            <h3 className="text-sm font-semibold text-stone-800">Orphaned ({orphans.length})</h3>
            <p className="mb-2 text-xs text-stone-500">
              Their text is no longer in the article. Re-attach each to a passage, or delete it.
            </p>
            <ul className="space-y-2">{orphans.map((annotation) => renderCard(annotation, true))}</ul>
          </section>
        )}
        {suggestions}
      </div>
    </aside>
  );
}

/** Submits the viewer's drafts on the article for review, in one request. */
function SubmitDrafts({
  articleId,
  count,
  onStatus,
}: {
  articleId: string;
  count: number;
  onStatus: (status: ReaderStatus) => void;
}) {
  const router = useRouter();
  async function submit() {
    try {
      const { submitted } = await callApi<{ submitted: number }>(
        "POST",
        `/api/v1/articles/${articleId}/annotations/submit`,
      );
      onStatus({ kind: "info", text: `Submitted ${submitted} annotation${submitted === 1 ? "" : "s"} for review.` });
      router.refresh();
    } catch (failure) {
      onStatus({ kind: "error", text: (failure as Error).message });
    }
  }
  return (
    <button
      type="button"
      onClick={submit}
      className={`w-full rounded-md border border-indigo-300 bg-white px-3 py-1.5 text-sm font-medium text-indigo-800
        hover:bg-indigo-50`}
    >
      Submit my {count} draft{count === 1 ? "" : "s"} for review
    </button>
  );
}
