"use client";

import { useCallback, useEffect, useState } from "react";
import type { AnnotationSummary } from "@/lib/annotation-summaries";
import { summaryOf } from "@/lib/annotation-summaries";
import type { AnnotationView } from "@/lib/annotations";
import { ApiFailure, callApi } from "@/components/client/api-client";

/** What the reader holds of every annotation (the rest of each loads with its card: use-annotation-details). */
export type ReaderAnnotation = AnnotationSummary & { pending?: boolean };

/** What the UI shows when a save met someone else's newer version (412). */
export interface Conflict {
  message: string;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface AnnotationChanges {
  tags?: string[];
  note?: string | null;
  start?: number;
  end?: number;
  exact?: string;
  status?: AnnotationView["status"];
  reviewNote?: string | null;
  reviewUrl?: string | null;
}

/** The server's order: by span, then id (time-ordered, so the older first; one being saved comes last). */
function byTextOrder(a: ReaderAnnotation, b: ReaderAnnotation): number {
  return a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function conflictFrom(failure: ApiFailure): Conflict {
  const details = (failure.details ?? {}) as { updatedBy?: { name?: string } | null; updatedAt?: string | null };
  return { message: failure.message, updatedBy: details.updatedBy?.name ?? null, updatedAt: details.updatedAt ?? null };
}

/**
 * The article's annotations as the reader holds them, and the calls that
 * change them. A new annotation shows at once (pending) and is replaced by
 * the stored one, or removed again if the save fails. Changes send the
 * version they were based on; a 412 is kept per annotation as a Conflict.
 * Each view the server answers with is also handed to `onStored`.
 */
export function useAnnotations(
  articleId: string,
  initial: AnnotationSummary[],
  onStored: (views: AnnotationView[]) => void,
) {
  const [annotations, setAnnotations] = useState<ReaderAnnotation[]>(initial);
  const [conflicts, setConflicts] = useState<Record<string, Conflict>>({});

  // A server refresh (a text edit, someone else's change arriving live) brings the current state: take it.
  // Conflicts stay until their card is reloaded: a refresh must not hide one.
  useEffect(() => setAnnotations(initial), [initial]);

  const replace = useCallback(
    (id: string, next: ReaderAnnotation | AnnotationView | null) => {
      if (next && "exact" in next) onStored([next]);
      setAnnotations((current) => {
        const others = current.filter((annotation) => annotation.id !== id);
        return next ? [...others, "exact" in next ? summaryOf(next) : next].sort(byTextOrder) : others;
      });
    },
    [onStored],
  );

  const clearConflict = useCallback((id: string) => {
    setConflicts(({ [id]: _cleared, ...rest }) => rest);
  }, []);

  const create = useCallback(
    async (draft: {
      start: number;
      end: number;
      exact: string;
      tags: AnnotationView["tags"];
      note: string | null;
      author: AnnotationView["author"];
    }) => {
      const temporaryId = `pending-${crypto.randomUUID()}`;
      const placeholder: ReaderAnnotation = {
        id: temporaryId,
        start: draft.start,
        end: draft.end,
        tags: draft.tags,
        status: "DRAFT",
        version: 1,
        anchor: "exact",
        author: draft.author,
        commentCount: 0,
        pending: true,
      };
      replace(temporaryId, placeholder);
      try {
        const saved = await callApi<AnnotationView>("POST", `/api/v1/articles/${articleId}/annotations`, {
          body: {
            start: draft.start,
            end: draft.end,
            exact: draft.exact,
            tags: draft.tags.map((tag) => tag.id),
            note: draft.note,
          },
        });
        onStored([saved]);
        setAnnotations((current) =>
          [...current.filter((annotation) => annotation.id !== temporaryId), summaryOf(saved)].sort(byTextOrder),
        );
        return saved;
      } catch (error) {
        replace(temporaryId, null);
        throw error;
      }
    },
    [articleId, replace, onStored],
  );

  /**
   * Sends a conditional change (If-Match: the version the UI shows) and puts
   * its result in place: true when done, false on a conflict (412), which is
   * kept in `conflicts` for the card to explain.
   */
  const changeAt = useCallback(
    async (annotation: ReaderAnnotation, send: () => Promise<AnnotationView | null>): Promise<boolean> => {
      try {
        replace(annotation.id, await send());
        clearConflict(annotation.id);
        return true;
      } catch (error) {
        if (error instanceof ApiFailure && error.status === 412) {
          setConflicts((current) => ({ ...current, [annotation.id]: conflictFrom(error) }));
          return false;
        }
        throw error;
      }
    },
    [replace, clearConflict],
  );

  /** `baseVersion`: the version the change was made on (an edit form's, which a live refresh may have overtaken). */
  const update = useCallback(
    (annotation: ReaderAnnotation, changes: AnnotationChanges, baseVersion = annotation.version) =>
      changeAt(annotation, () =>
        callApi<AnnotationView>("PATCH", `/api/v1/annotations/${annotation.id}`, {
          body: changes,
          version: baseVersion,
        }),
      ),
    [changeAt],
  );

  const remove = useCallback(
    (annotation: ReaderAnnotation) =>
      changeAt(annotation, async () => {
        await callApi<void>("DELETE", `/api/v1/annotations/${annotation.id}`, { version: annotation.version });
        return null;
      }),
    [changeAt],
  );

  /** Fetches the current version (after a conflict); gone if it was deleted meanwhile. */
  const reload = useCallback(
    async (id: string) => {
      try {
        replace(id, await callApi<AnnotationView>("GET", `/api/v1/annotations/${id}`));
      } catch (error) {
        if (!(error instanceof ApiFailure && error.status === 404)) throw error;
        replace(id, null);
      }
      clearConflict(id);
    },
    [replace, clearConflict],
  );

  /** An annotation stored elsewhere (an accepted suggestion), put in place. */
  const adopt = useCallback((view: AnnotationView) => replace(view.id, view), [replace]);

  return { annotations, conflicts, create, update, remove, reload, adopt };
}
