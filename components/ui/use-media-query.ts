"use client";

import { useCallback, useSyncExternalStore } from "react";

/**
 * Whether the CSS media query matches now, kept up to date as the window
 * changes. False on the server and in the first render, so the markup the
 * server sends must already lay itself out with CSS breakpoints; this only
 * switches behaviour (roles, keys) that CSS cannot.
 */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}
