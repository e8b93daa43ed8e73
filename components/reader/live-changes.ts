"use client";

import { createContext, useEffect, useRef } from "react";

/**
 * Counts the live changes to the article that reached this page, so that what
 * the reader fetches by itself (an open comment thread) fetches again on each.
 */
export const LiveChanges = createContext(0);

/**
 * After a refused stream (503 while PostgreSQL restarts, say) the browser gives up: try again after this, doubling up
 * to the most.
 */
const REOPEN_FIRST_MS = 5_000;
const REOPEN_MOST_MS = 60_000;

function isResync(data: unknown): boolean {
  try {
    return typeof data === "string" && (JSON.parse(data) as { type?: unknown }).type === "resync";
  } catch {
    return false;
  }
}

/**
 * Follows the article's live stream and calls `onChange` for each change that
 * reaches the page. `mustReload` is true when changes may have been missed:
 * the server says `resync` (its connection to PostgreSQL was lost for a
 * while), or the stream had to be opened again; the page then reloads what
 * it holds. The browser reconnects by itself after a network error; a stream
 * refused with an HTTP error is opened again here, less and less often.
 */
export function useLiveStream(articleId: string, onChange: (mustReload: boolean) => void): void {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });

  useEffect(() => {
    let source: EventSource | null = null;
    let hasOpened = false;
    let reopenTimer: number | undefined;
    let reopenDelay = REOPEN_FIRST_MS;
    const open = () => {
      source = new EventSource(`/api/v1/articles/${articleId}/live`);
      source.onopen = () => {
        if (hasOpened) latest.current(true);
        hasOpened = true;
        reopenDelay = REOPEN_FIRST_MS;
      };
      source.onmessage = (message) => latest.current(isResync(message.data));
      source.onerror = () => {
        if (source?.readyState !== EventSource.CLOSED) return; // reconnecting by itself
        reopenTimer = window.setTimeout(open, reopenDelay);
        reopenDelay = Math.min(reopenDelay * 2, REOPEN_MOST_MS);
      };
    };
    open();
    return () => {
      window.clearTimeout(reopenTimer);
      source?.close();
    };
  }, [articleId]);
}
