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
 * Opens one of the API's live streams (server-sent events) and calls
 * `onChange` for each event; returns the function that closes it.
 * `mustReload` is true when changes may have been missed: the server says
 * `resync` (its connection to PostgreSQL was lost for a while), or the stream
 * had to be opened again. The browser reconnects by itself after a network
 * error; a stream refused with an HTTP error is opened again here, less and
 * less often.
 */
function followStream(path: string, onChange: (mustReload: boolean) => void): () => void {
  let source: EventSource | null = null;
  let hasOpened = false;
  let reopenTimer: number | undefined;
  let reopenDelay = REOPEN_FIRST_MS;
  const open = () => {
    source = new EventSource(path);
    source.onopen = () => {
      if (hasOpened) onChange(true);
      hasOpened = true;
      reopenDelay = REOPEN_FIRST_MS;
    };
    source.onmessage = (message) => onChange(isResync(message.data));
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
}

/** The latest `onChange`, so that a new function at each render does not open the stream again. */
function useLatest(onChange: (mustReload: boolean) => void) {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  return latest;
}

/** Follows one of the API's live streams while the component is shown (see followStream). */
export function useEventStream(path: string, onChange: (mustReload: boolean) => void): void {
  const latest = useLatest(onChange);
  useEffect(() => followStream(path, (mustReload) => latest.current(mustReload)), [path, latest]);
}

/**
 * As useEventStream, for a stream every page shows (the user's notifications):
 * one tab of the browser holds it (a Web Lock elects it) and passes its events
 * to the others (a BroadcastChannel), so that tabs do not use up the browser's
 * six connections to one server over HTTP/1.1. When that tab closes, another
 * takes over and tells every tab to reload, as changes may have been missed
 * meanwhile. No stream while `path` is null.
 */
export function useSharedEventStream(path: string | null, onChange: (mustReload: boolean) => void): void {
  const latest = useLatest(onChange);
  useEffect(() => {
    if (path === null) return;
    const deliver = (mustReload: boolean) => latest.current(mustReload);
    if (!("locks" in navigator) || typeof BroadcastChannel === "undefined") return followStream(path, deliver);
    const channel = new BroadcastChannel(`parallax-stream ${path}`);
    channel.onmessage = (message) => deliver(message.data === true);
    const leaving = new AbortController();
    navigator.locks
      .request(`parallax-stream ${path}`, { signal: leaving.signal }, () => {
        const pass = (mustReload: boolean) => {
          deliver(mustReload);
          channel.postMessage(mustReload);
        };
        channel.postMessage(true); // the other tabs may have missed changes while no tab held the stream
        const stop = followStream(path, pass);
        return new Promise<void>((release) =>
          leaving.signal.addEventListener("abort", () => {
            stop();
            release();
          }),
        );
      })
      .catch(() => undefined); // left while waiting for the lock
    return () => {
      leaving.abort();
      channel.close();
    };
  }, [path, latest]);
}
