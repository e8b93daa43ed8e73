/**
 * A coder's state on an article assigned to them, the one rule every list,
 * page and export uses (README, "Assignments and progress"), computed in SQL
 * by cellsSql (state.ts):
 *
 * - `not_started`: no annotation of theirs on it, and they have not said they are done;
 * - `in_progress`: they have a draft on it, or annotations without having said they are done;
 * - `submitted`: they said they are done (a new draft puts it back in progress), and an editor has yet to
 *   approve or reject some of their annotations;
 * - `done`: they said they are done, and an editor has approved or rejected every annotation of theirs on it.
 */
export const ASSIGNMENT_STATES = ["not_started", "in_progress", "submitted", "done"] as const;
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number];

export const STATE_LABELS: Record<AssignmentState, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  submitted: "Submitted",
  done: "Done",
};

/** A coder's live annotations on the article, by status. */
export interface AnnotationCounts {
  draft: number;
  submitted: number;
  approved: number;
  rejected: number;
}
