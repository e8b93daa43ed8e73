"use client";

import { type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { rangeForSpan } from "@/lib/anchoring/dom";

const FLASH_MS = 1200;

interface Span {
  id: string;
  start: number;
  end: number;
}

/**
 * The annotation being shown: active (its highlight and card marked), its
 * passage scrolled to a third of the screen, its card scrolled into view
 * (`reveal` renders it first) and flashing for a moment. A link to one
 * (`#annotation-<id>`: search results, the comparison, notifications) shows
 * it once `ready`, also when only the fragment changes; `#annotation-<id>/comment-<id>`
 * opens its discussion too (`threadId`).
 */
export function useShownAnnotation<T extends Span>(
  textRef: RefObject<HTMLElement | null>,
  annotations: T[],
  reveal: (id: string) => void,
  ready: boolean,
) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const [flashId, setFlashId] = useState<string | null>(null);
  const [threadId, setThreadId] = useState<string | null>(null);

  const show = useCallback(
    (id: string) => {
      const annotation = annotations.find((candidate) => candidate.id === id);
      const root = textRef.current;
      if (!annotation || !root) return;
      setActiveId(id);
      reveal(id);
      const rect = rangeForSpan(root, annotation.start, annotation.end)?.getBoundingClientRect();
      if (rect) window.scrollBy({ top: rect.top - window.innerHeight / 3, behavior: "smooth" });
      setFlashId(id);
    },
    [annotations, textRef, reveal],
  );
  // The flash is timed from its render, not from the click: on a busy machine the render may come late.
  useEffect(() => {
    if (!flashId) return;
    const showCard = () =>
      document.querySelector(`[data-annotation-id="${CSS.escape(flashId)}"]`)?.scrollIntoView({ block: "nearest" });
    showCard();
    // The passage's smooth scroll may still be moving the page (on a phone the card is below the text, and was in
    // view when the scroll began): the card is shown again where that scroll ends.
    window.addEventListener("scrollend", showCard, { once: true });
    const timer = window.setTimeout(() => setFlashId(null), FLASH_MS);
    return () => {
      window.removeEventListener("scrollend", showCard);
      window.clearTimeout(timer);
    };
  }, [flashId]);

  const hashShown = useRef<string | null>(null);
  useEffect(() => {
    if (!ready) return;
    const showHash = () => {
      const match = /^#annotation-([0-9a-f-]{36})(\/comment-[0-9a-f-]{36})?$/.exec(window.location.hash);
      if (!match || hashShown.current === window.location.hash) return;
      hashShown.current = window.location.hash;
      show(match[1]!);
      if (match[2]) setThreadId(match[1]!);
    };
    showHash();
    window.addEventListener("hashchange", showHash);
    return () => window.removeEventListener("hashchange", showHash);
  }, [show, ready]);

  return { activeId, flashId, threadId, show };
}
