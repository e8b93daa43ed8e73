import { type AnnotationCounts, type AssignmentState, STATE_LABELS } from "@/lib/assignments/state-labels";

const STATE_STYLES: Record<AssignmentState, string> = {
  not_started: "bg-stone-100 text-stone-700",
  in_progress: "bg-amber-100 text-amber-900",
  submitted: "bg-sky-100 text-sky-900",
  done: "bg-emerald-100 text-emerald-900",
};

/** A coder's state on an article, as a small label. */
export function StateBadge({ state }: { state: AssignmentState }) {
  return (
    <span
      data-state={state}
      className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${STATE_STYLES[state]}`}
    >
      {STATE_LABELS[state]}
    </span>
  );
}

/** "2 drafts, 1 submitted, 3 approved": the coder's annotations on the article, by status (none when empty). */
export function describeCounts(counts: AnnotationCounts): string {
  const parts = [
    counts.draft > 0 && `${counts.draft} draft${counts.draft === 1 ? "" : "s"}`,
    counts.submitted > 0 && `${counts.submitted} submitted`,
    counts.approved > 0 && `${counts.approved} approved`,
    counts.rejected > 0 && `${counts.rejected} rejected`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "no annotations";
}
