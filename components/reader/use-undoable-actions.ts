"use client";

import { useCallback } from "react";
import { callApi } from "@/components/client/api-client";
import type { ReaderStatus } from "./annotation-sidebar";
import type { AnnotationChanges, ReaderAnnotation } from "./use-annotations";

/**
 * Deleting an annotation, with "Undo" in the message right after it: the
 * annotation comes back as it was (tags, note, comments, links), restored on
 * the server and fetched again.
 */
export function useUndoableRemoval(
  remove: (annotation: ReaderAnnotation) => Promise<boolean>,
  reload: (id: string) => Promise<void>,
  onStatus: (status: ReaderStatus) => void,
) {
  return useCallback(
    async (annotation: ReaderAnnotation) => {
      const removed = await remove(annotation);
      if (removed)
        onStatus({
          kind: "info",
          text: "Annotation deleted.",
          focusUndo: true,
          undo: async () => {
            await callApi("POST", `/api/v1/annotations/${annotation.id}/restore`);
            await reload(annotation.id);
            return "Annotation restored.";
          },
        });
      return removed;
    },
    [remove, reload, onStatus],
  );
}

/**
 * Changes to an annotation; an editor's approval or rejection is followed by
 * "Undo", which puts the annotation back as it was before that decision.
 */
export function useUndoableReview(
  update: (annotation: ReaderAnnotation, changes: AnnotationChanges, baseVersion?: number) => Promise<boolean>,
  reload: (id: string) => Promise<void>,
  onStatus: (status: ReaderStatus) => void,
) {
  return useCallback(
    async (annotation: ReaderAnnotation, changes: AnnotationChanges, baseVersion = annotation.version) => {
      const updated = await update(annotation, changes, baseVersion);
      const decision = changes.status === "APPROVED" ? "Approved" : changes.status === "REJECTED" ? "Rejected" : null;
      if (updated && decision)
        onStatus({
          kind: "info",
          text: `${decision}.`,
          undo: async () => {
            // The decision left it one version on from the one it was made on.
            await callApi("POST", `/api/v1/annotations/${annotation.id}/undo-review`, { version: baseVersion + 1 });
            await reload(annotation.id);
            return `${decision === "Approved" ? "Approval" : "Rejection"} undone.`;
          },
        });
      return updated;
    },
    [update, reload, onStatus],
  );
}
