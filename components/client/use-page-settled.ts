"use client";

import { useEffect, useState } from "react";

/** Longest wait for an idle moment: a page busy for good still gets its secondary parts. */
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
    const whenIdle = () => {
      idle = hasIdleCallbacks
        ? browser.requestIdleCallback!(() => setSettled(true), { timeout: IDLE_TIMEOUT_MS })
        : browser.setTimeout(() => setSettled(true), 200);
    };
    if (document.readyState === "complete") whenIdle();
    else window.addEventListener("load", whenIdle, { once: true });
    return () => {
      window.removeEventListener("load", whenIdle);
      if (idle === undefined) return;
      if (hasIdleCallbacks) browser.cancelIdleCallback!(idle);
      else browser.clearTimeout(idle);
    };
  }, []);
  return settled;
}
