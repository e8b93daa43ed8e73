"use client";

import { useCallback } from "react";
import { callApi } from "@/components/client/api-client";
import type { ReaderStatus } from "./annotation-sidebar";
import type { ReaderAnnotation } from "./use-annotations";

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
