"use client";

import { useCallback, useRef, useState } from "react";
import type { AnnotationView } from "@/lib/annotations";
import type { Page } from "@/lib/pagination";
import { callApi } from "@/components/client/api-client";
import type { ReaderAnnotation } from "./use-annotations";

/** As many ids as one page of the annotations list answers (MAX_PAGE_SIZE; lib/pagination is server code). */
const IDS_PER_REQUEST = 200;

/**
 * What the page does not send with the summaries: each annotation's full
 * view (its note, review note and stored quote), fetched for the cards the
 * reader shows (`load`), as many at a time as a page holds. A view is
 * fetched again when the summary's version moves past it (a change that
 * arrived live); until then the older one is shown.
 */
export function useAnnotationDetails(articleId: string) {
  const [details, setDetails] = useState<ReadonlyMap<string, AnnotationView>>(() => new Map());
  /** The version last asked for (or held) per annotation: each is fetched once per version. */
  const requested = useRef(new Map<string, number>());

  const remember = useCallback((views: AnnotationView[]) => {
    for (const view of views)
      requested.current.set(view.id, Math.max(view.version, requested.current.get(view.id) ?? 0));
    setDetails((current) => {
      const next = new Map(current);
      for (const view of views) next.set(view.id, view);
      return next;
    });
  }, []);

  const load = useCallback(
    (annotations: readonly ReaderAnnotation[]) => {
      const missing = annotations.filter(
        (annotation) => !annotation.pending && (requested.current.get(annotation.id) ?? 0) < annotation.version,
      );
      for (const annotation of missing) requested.current.set(annotation.id, annotation.version);
      for (let from = 0; from < missing.length; from += IDS_PER_REQUEST) {
        const batch = missing.slice(from, from + IDS_PER_REQUEST);
        const ids = batch.map((annotation) => annotation.id).join(",");
        callApi<Page<AnnotationView>>(
          "GET",
          `/api/v1/articles/${articleId}/annotations?limit=${IDS_PER_REQUEST}&ids=${ids}`,
        )
          .then((page) => remember(page.items))
          // Asked again the next time they are wanted.
          .catch(() => {
            for (const annotation of batch) requested.current.delete(annotation.id);
          });
      }
    },
    [articleId, remember],
  );

  return { details, remember, load };
}
