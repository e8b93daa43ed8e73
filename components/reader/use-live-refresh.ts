"use client";

import { useRouter } from "next/navigation";
import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { useLiveStream } from "./live-changes";

/** Changes arriving together (a bulk submit, say) make one refresh. */
const LIVE_REFRESH_DELAY_MS = 250;

/**
 * Others' changes to the article's annotations, comments and links, arriving
 * live, refresh the page: changes arriving together make one refresh; when
 * some may have been missed (a resync), it refreshes at once. Never while
 * `dragging` (a selection being made with the mouse): re-rendering the
 * text's wrapper marks would lose it. Returns the count of refreshes, for
 * what the reader fetches by itself (see LiveChanges).
 */
export function useLiveRefresh(articleId: string, dragging: RefObject<boolean>): number {
  const router = useRouter();
  const [liveChanges, setLiveChanges] = useState(0);
  const timer = useRef<number | undefined>(undefined);
  const refresh = useCallback(
    function refreshUnlessDragging() {
      window.clearTimeout(timer.current);
      if (dragging.current) {
        timer.current = window.setTimeout(refreshUnlessDragging, LIVE_REFRESH_DELAY_MS);
        return;
      }
      router.refresh();
      setLiveChanges((count) => count + 1);
    },
    [router, dragging],
  );
  useLiveStream(articleId, (mustReload) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(refresh, mustReload ? 0 : LIVE_REFRESH_DELAY_MS);
  });
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return liveChanges;
}
