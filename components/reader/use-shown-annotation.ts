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
 * (`#annotation-<id>`: search results, the comparison) shows it once `ready`.
 */
export function useShownAnnotation<T extends Span>(
  textRef: RefObject<HTMLElement | null>,
  annotations: T[],
  reveal: (id: string) => void,
  ready: boolean,
) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const [flashId, setFlashId] = useState<string | null>(null);

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
    document.querySelector(`[data-annotation-id="${CSS.escape(flashId)}"]`)?.scrollIntoView({ block: "nearest" });
    const timer = window.setTimeout(() => setFlashId(null), FLASH_MS);
    return () => window.clearTimeout(timer);
  }, [flashId]);

  const hashShown = useRef(false);
  useEffect(() => {
    const match = /^#annotation-([0-9a-f-]{36})$/.exec(window.location.hash);
    if (!match || hashShown.current || !ready) return;
    hashShown.current = true;
    show(match[1]!);
  }, [show, ready]);

  return { activeId, flashId, show };
}
