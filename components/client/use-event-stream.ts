"use client";

import { useEffect, useRef } from "react";

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
 * Follows one of the API's live streams (server-sent events) and calls
 * `onChange` for each event. `mustReload` is true when changes may have been
 * missed: the server says `resync` (its connection to PostgreSQL was lost for
 * a while), or the stream had to be opened again. The browser reconnects by
 * itself after a network error; a stream refused with an HTTP error is opened
 * again here, less and less often.
 */
export function useEventStream(path: string, onChange: (mustReload: boolean) => void): void {
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
      source = new EventSource(path);
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
  }, [path]);
}
