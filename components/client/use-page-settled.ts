"use client";

import { useEffect, useState } from "react";

/**
 * How long after the load event a page is left to itself: React hydrates in slices and yields between them, so the
 * browser finds idle moments long before the page has painted what it is for (the reader's highlights, say).
 */
const AFTER_LOAD_MS = 1_000;
/** Longest wait for an idle moment then: a page busy for good still gets its secondary parts. */
const IDLE_TIMEOUT_MS = 3_000;

/**
 * False until the page has loaded and the browser has a moment to spare:
 * what every page shows but nobody reads first (the bell's count, its live
 * stream) waits for it, so that its requests do not compete with the page's
 * own for the first paint.
 */
export function usePageSettled(): boolean {
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    // Not every browser has requestIdleCallback (Safari).
    const browser: Partial<Pick<Window, "requestIdleCallback" | "cancelIdleCallback">> & Window = window;
    const hasIdleCallbacks = typeof browser.requestIdleCallback === "function";
    let idle: number | undefined;
    let delay: number | undefined;
    const whenIdle = () => {
      idle = hasIdleCallbacks
        ? browser.requestIdleCallback!(() => setSettled(true), { timeout: IDLE_TIMEOUT_MS })
        : browser.setTimeout(() => setSettled(true), 200);
    };
    const afterLoad = () => {
      delay = browser.setTimeout(whenIdle, AFTER_LOAD_MS);
    };
    if (document.readyState === "complete") afterLoad();
    else window.addEventListener("load", afterLoad, { once: true });
    return () => {
      window.removeEventListener("load", afterLoad);
      browser.clearTimeout(delay);
      if (idle === undefined) return;
      if (hasIdleCallbacks) browser.cancelIdleCallback!(idle);
      else browser.clearTimeout(idle);
    };
  }, []);
  return settled;
}
