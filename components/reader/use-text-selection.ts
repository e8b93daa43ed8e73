"use client";

import { type KeyboardEvent, type RefObject, useCallback, useEffect, useRef, useState } from "react";
import { snapToGraphemes } from "@/lib/anchoring";
import { caretPoint, moveCaretTo, placeBelow, selectedSpan, selectionInText } from "./dom-selection";
import { anchorForSelection } from "./popover-placement";
import { adjacentAnnotation, readerKeyAction, type SuggestionKeyAction, suggestionKeyAction } from "./reader-keys";
import type { TextSelection } from "./selection-popover";
import { type TextDirection, unitBoundary } from "./text-boundaries";

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
  /** The annotations shown in the text, in text order: listed at a point, visited with ] and [. */
  annotations: T[];
  /** The annotation being shown (its card active). */
  activeId: string | null;
  /** Whether a selection opens the popover (to tag it, or to re-attach an orphan to it). */
  canSelect: boolean;
  /** Escape pressed in the text. */
  onEscape: () => void;
  /** ] or [ pressed: the annotation reached (the caret is put on its start), or null when there is none that way. */
  onJump: (annotation: T | null, direction: TextDirection) => void;
  /** n, a or x pressed: true when a suggestion took it. */
  onSuggestionKey?: (action: SuggestionKeyAction) => boolean;
}

/**
 * The selection room: the caret and the selection in the article text, by
 * mouse and by keyboard (readerKeyAction: by character, word, line,
 * sentence, paragraph, or to the next annotation), snapped to whole characters; the
 * tag popover's passage and place, and the list of the annotations under a
 * click or the caret (`covering`). Its handlers go on the text's element.
 */
export function useTextSelection<T extends Span>({
  textRef,
  surfaceRef,
  text,
  annotations,
  activeId,
  canSelect,
  onEscape,
  onJump,
  onSuggestionKey,
}: SelectionOptions<T>) {
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
    setSelection({
      start: span.start,
      end: span.end,
      exact: text.slice(span.start, span.end),
      ...anchorForSelection(surfaceRef.current!, span.rect),
    });
    return true;
  }

  /** Lists the annotations covering the caret (a click or the keyboard's). */
  function showCovering() {
    const point = caretPoint(textRef.current!);
    if (!point) return;
    const ids = annotations
      .filter((annotation) => annotation.start <= point.offset && point.offset < annotation.end)
      .map((annotation) => annotation.id);
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
      // Read before the selection is put in the text: from no caret at all, ] goes to the first annotation.
      const from = root.contains(window.getSelection()?.focusNode ?? null) ? (caretPoint(root)?.offset ?? null) : null;
      const current = selectionInText(root);
      if (action.kind === "native") {
        current.modify(action.extend ? "extend" : "move", action.direction, action.granularity);
      } else if (action.kind === "unit") {
        moveCaretTo(root, unitBoundary(text, from ?? 0, action.unit, action.direction), action.extend);
      } else {
        const reached = adjacentAnnotation(annotations, from, activeId, action.direction);
        if (reached) moveCaretTo(root, reached.start, false);
        onJump(reached, action.direction);
      }
      updateCaret();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (!openForSelection()) showCovering();
    } else if (event.key === "Escape") {
      setCovering(null);
      onEscape();
    } else {
      const suggestion = suggestionKeyAction(event);
      if (suggestion && onSuggestionKey?.(suggestion)) event.preventDefault();
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
