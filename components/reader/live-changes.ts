"use client";

import { createContext } from "react";
import { useEventStream } from "@/components/client/use-event-stream";

/**
 * Counts the live changes to the article that reached this page, so that what
 * the reader fetches by itself (an open comment thread) fetches again on each.
 */
export const LiveChanges = createContext(0);

/**
 * Follows the article's live stream and calls `onChange` for each change that
 * reaches the page. `mustReload` is true when changes may have been missed
 * (see useEventStream); the page then reloads what it holds.
 */
export function useLiveStream(articleId: string, onChange: (mustReload: boolean) => void): void {
  useEventStream(`/api/v1/articles/${articleId}/live`, onChange);
}
