"use client";

import { type KeyboardEvent, type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { snapToGraphemes } from "@/lib/anchoring";
import { caretPoint, placeBelow, selectedSpan, selectionInText } from "./dom-selection";
import { readerKeyAction } from "./reader-keys";
import type { TextSelection } from "./selection-popover";

interface Span {
  id: string;
  start: number;
  end: number;
}

interface SelectionOptions<T extends Span> {
  textRef: RefObject<HTMLElement | null>;
  /** The positioned parent of the text, where the popovers go. */
  surfaceRef: RefObject<HTMLElement | null>;
  text: string;
  /** The annotations shown in the text: listed at a point. */
  annotations: T[];
  /** Whether a selection opens the popover (to tag it, or to re-attach an orphan to it). */
  canSelect: boolean;
  /** Escape pressed in the text. */
  onEscape: () => void;
}

/**
 * The selection room: the caret and the selection in the article text, by
 * mouse and by keyboard (readerKeyAction), snapped to whole characters; the
 * tag popover's passage and place, and the list of the annotations under a
 * click or the caret (`covering`). Its handlers go on the text's element.
 */
export function useTextSelection<T extends Span>({ textRef, surfaceRef, text, annotations, canSelect, onEscape }: SelectionOptions<T>) {
  const [selection, setSelection] = useState<TextSelection | null>(null);
  const [covering, setCovering] = useState<{ ids: string[]; top: number; left: number } | null>(null);
  const [caret, setCaret] = useState<{ start: number; end: number } | null>(null);
  /** A mouse button is down on the text: a selection is being dragged. */
  const dragging = useRef(false);
  useEffect(() => {
    const dragEnded = () => (dragging.current = false);
    window.addEventListener("mouseup", dragEnded);
    return () => window.removeEventListener("mouseup", dragEnded);
  }, []);

  /** Opens the tag popover for the selected text; false when nothing is selected. */
  function openForSelection(): boolean {
    const span = selectedSpan(textRef.current!, text);
    if (!span || !canSelect) return false;
    setCovering(null);
    setSelection({ start: span.start, end: span.end, exact: text.slice(span.start, span.end), ...placeBelow(surfaceRef.current!, span.rect) });
    return true;
  }

  /** Lists the annotations covering the caret (a click or the keyboard's). */
  function showCovering() {
    const point = caretPoint(textRef.current!);
    if (!point) return;
    const ids = annotations.filter((annotation) => annotation.start <= point.offset && point.offset < annotation.end).map((annotation) => annotation.id);
    setCovering(ids.length > 0 ? { ids, ...placeBelow(surfaceRef.current!, point.rect) } : null);
  }

  /** Marks the character after a collapsed keyboard caret, since the browser shows no caret in read-only text. */
  function updateCaret() {
    const point = caretPoint(textRef.current!);
    if (!point || !window.getSelection()?.isCollapsed || point.offset >= text.length) return setCaret(null);
    setCaret(snapToGraphemes(text, point.offset, point.offset + 1));
  }

  function onMouseUp() {
    if (openForSelection()) return;
    setSelection(null);
    if (window.getSelection()?.isCollapsed) showCovering();
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    const root = textRef.current!;
    const action = readerKeyAction(event);
    if (action) {
      event.preventDefault();
      selectionInText(root).modify(action.extend ? "extend" : "move", action.direction, action.granularity);
      updateCaret();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (!openForSelection()) showCovering();
    } else if (event.key === "Escape") {
      setCovering(null);
      onEscape();
    }
  }

  function closeSelection() {
    setSelection(null);
    window.getSelection()?.removeAllRanges();
    textRef.current?.focus({ preventScroll: true });
  }

  const hideCovering = useCallback(() => setCovering(null), []);
  const textHandlers = {
    onMouseDown: () => (dragging.current = true),
    onMouseUp,
    onKeyDown,
    onBlur: () => setCaret(null),
  };
  return { selection, setSelection, closeSelection, covering, hideCovering, caret, dragging, textHandlers };
}
