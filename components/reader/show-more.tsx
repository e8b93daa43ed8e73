"use client";

import { useEffect, useRef } from "react";

/**
 * The end of a long list rendered in pages: a button for the next page, also
 * pressed by itself when it scrolls into view.
 */
export function ShowMore({ remaining, onMore }: { remaining: number; onMore: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: with a new `remaining` a button still seen asks again.
  useEffect(() => {
    const target = button.current;
    if (!target) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onMore();
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [onMore, remaining]);
  return (
    <button
      ref={button}
      type="button"
      onClick={onMore}
      className={`w-full rounded-md border border-stone-200 bg-white px-3 py-1.5 text-sm text-stone-700
        hover:bg-stone-50`}
    >
      Show more ({remaining} not shown yet)
    </button>
  );
}
