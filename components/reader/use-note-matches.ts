"use client";

import { useEffect, useState } from "react";
import type { AnnotationView } from "@/lib/annotations";
import type { Page } from "@/lib/pagination";
import { callApi } from "@/components/client/api-client";

/** The largest page the API answers (MAX_PAGE_SIZE). */
const PER_REQUEST = 200;
/** Typing pauses this long before the notes are searched. */
const TYPING_PAUSE_MS = 250;
/** No matches: while nothing is typed (one set, so that holding it again changes no state). */
export const NO_NOTE_MATCHES: ReadonlySet<string> = new Set();

/**
 * The ids of the article's annotations whose quote or note holds `text`
 * (any case), asked of the server (GET /api/v1/projects/:id/annotations?
 * article=&q=): the page does not send the notes. Empty while nothing is
 * typed; the last answer stays until the next arrives. Asked again on each
 * live change.
 */
export function useNoteMatches(
  projectId: string,
  articleId: string,
  text: string,
  liveChanges: number,
): ReadonlySet<string> {
  const [matches, setMatches] = useState(NO_NOTE_MATCHES);
  const words = text.trim();
  // biome-ignore lint/correctness/useExhaustiveDependencies: each live change (`liveChanges`) asks again.
  useEffect(() => {
    if (!words) {
      setMatches(NO_NOTE_MATCHES);
      return;
    }
    let current = true;
    const timer = window.setTimeout(async () => {
      const found = new Set<string>();
      let cursor: string | null = null;
      try {
        do {
          const query = new URLSearchParams({ article: articleId, q: words, limit: String(PER_REQUEST) });
          if (cursor) query.set("cursor", cursor);
          const page: Page<AnnotationView> = await callApi("GET", `/api/v1/projects/${projectId}/annotations?${query}`);
          for (const item of page.items) found.add(item.id);
          cursor = page.nextCursor;
        } while (cursor && current);
        if (current) setMatches(found);
      } catch {
        // The quotes still match (they are in the page); the next keystroke or live change asks again.
      }
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [projectId, articleId, words, liveChanges]);
  return matches;
}
