"use client";

import { type RefObject, useEffect, useMemo, useRef, useState } from "react";
import { markedLine } from "./fallback-marks";
import {
  clearHighlights,
  highlightStyles,
  nestedSpanIds,
  onScreenText,
  type PaintedSpan,
  type PaintState,
  paintHighlights,
  paintSuggestions,
  supportsCustomHighlights,
} from "./highlights";
import { markPaintStart, measurePaint } from "./paint-timing";
import type { ReaderAnnotation } from "./use-annotations";

/** How far above and below the screen highlights are painted, in screen heights. */
const PAINT_MARGIN_SCREENS = 1;
const DRAFT_ID = "draft";

interface PaintingOptions {
  /** The rendered article text (null while it is being edited). */
  textRef: RefObject<HTMLElement | null>;
  /** The article's text: painted again when it changes. */
  text: string;
  /** The annotations to paint, and the passage being tagged (marked while focus is in the popover). */
  annotations: ReaderAnnotation[];
  draft: { start: number; end: number } | null;
  /** Whether the browser has the CSS Custom Highlight API (useCustomHighlightSupport). */
  customHighlights: boolean | null;
  state: Pick<PaintState, "selectedId" | "flashId" | "caret">;
  /** The text is being edited: nothing to paint. */
  paused: boolean;
  /** Called after each paint has reached the screen. */
  onPainted: () => void;
}

/**
 * Whether the browser paints with CSS.highlights: null until known (the server cannot tell), then asked after
 * hydration.
 */
export function useCustomHighlightSupport(): boolean | null {
  const [supported, setSupported] = useState<boolean | null>(null);
  useEffect(() => setSupported(supportsCustomHighlights()), []);
  return supported;
}

/**
 * The painting room: the annotations' highlights, with the CSS Custom Highlight
 * API near the screen, or else as wrapper marks rendered with the text.
 * Returns the highlight colours' CSS and `renderLine` for the text (wrapper
 * marks; undefined with the API).
 */
export function useHighlightPainting({
  textRef,
  text,
  annotations,
  draft,
  customHighlights,
  state,
  paused,
  onPainted,
}: PaintingOptions) {
  const spans = useUnchangedSpans(
    useMemo<PaintedSpan[]>(() => {
      const painted: PaintedSpan[] = annotations.map(({ id, start, end, tags, pending }) => ({
        id,
        start,
        end,
        color: tags[0]?.color ?? "",
        pending,
      }));
      if (draft)
        painted.push({ id: DRAFT_ID, start: draft.start, end: draft.end, color: "", pending: true, draft: true });
      return painted;
    }, [annotations, draft]),
  );
  const styles = useMemo(() => highlightStyles(spans.map((span) => span.color)), [spans]);
  const { selectedId, flashId, caret } = state;

  // Only the spans near the screen are painted: Chromium spends a frame on every registered range, thousands of them
  // make each change slow. Scrolling close to the edge of what is painted paints again around the new position.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new text (`text`) is painted anew.
  useEffect(() => {
    const root = textRef.current;
    // Asked here, not through the customHighlights state: the highlights paint right after hydration, one render
    // sooner.
    if (!root || !supportsCustomHighlights() || paused) return;
    let paintedText = { start: 0, end: 0 };
    let cancelMeasure = () => {};
    const paint = () => {
      markPaintStart();
      paintedText = onScreenText(root, PAINT_MARGIN_SCREENS * window.innerHeight);
      const near = spans.filter((span) => span.end >= paintedText.start && span.start <= paintedText.end);
      paintHighlights([{ root, spans: near }], { selectedId, flashId, caret });
      cancelMeasure();
      cancelMeasure = measurePaint(onPainted);
    };
    paint();
    let frame = 0;
    const onScroll = () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        const needed = onScreenText(root, window.innerHeight / 2);
        if (needed.start < paintedText.start || needed.end > paintedText.end) paint();
      });
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll);
    return () => {
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("resize", onScroll);
      cancelAnimationFrame(frame);
      cancelMeasure();
    };
  }, [textRef, text, spans, selectedId, flashId, caret, paused, onPainted]);
  useEffect(() => clearHighlights, []);

  const renderLine = useFallbackMarks(customHighlights === false, spans, selectedId);
  // Wrapper marks are painted by the text's render: measured to the frame after it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `renderLine` changes with each render of the marks.
  useEffect(() => {
    if (customHighlights !== false || paused) return;
    return measurePaint(onPainted);
  }, [renderLine, customHighlights, paused, onPainted]);

  return { styles, renderLine };
}

/**
 * The suggestions outlined in the text with the API (without it they are only listed: a wrapper mark would look
 * like an annotation), apart from the annotations' paint; none while the text is edited or `spans` is undefined.
 */
export function useSuggestionPainting(
  textRef: RefObject<HTMLElement | null>,
  text: string,
  spans: { start: number; end: number; current: boolean }[] | undefined,
  paused: boolean,
): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new text (`text`) is painted anew.
  useEffect(() => {
    paintSuggestions(paused ? null : textRef.current, spans ?? []);
    return () => paintSuggestions(null, []);
  }, [textRef, text, spans, paused]);
}

/**
 * Without the API: `renderLine` cutting each line into wrapper marks; nested, selected and unsaved spans
 * underlined.
 */
function useFallbackMarks(inUse: boolean, spans: PaintedSpan[], selectedId: string | null) {
  const underlinedIds = useMemo(() => {
    const ids = nestedSpanIds(spans);
    for (const span of spans) if (span.pending || span.id === selectedId) ids.add(span.id);
    return ids;
  }, [spans, selectedId]);
  return useMemo(() => {
    if (!inUse) return undefined;
    // Wrapper marks are painted by rendering the text with them: the paint begins with that render.
    markPaintStart();
    return (line: string, start: number) => markedLine(line, start, spans, underlinedIds);
  }, [inUse, spans, underlinedIds]);
}

/**
 * The spans as they were while they paint the same: the annotations arrive anew (their links, the filter's note
 * matches, a live refresh) more often than what is painted changes, and each paint of thousands of spans costs a
 * frame.
 */
function useUnchangedSpans(spans: PaintedSpan[]): PaintedSpan[] {
  const previous = useRef(spans);
  if (previous.current !== spans && !paintSame(previous.current, spans)) previous.current = spans;
  return previous.current;
}

function paintSame(before: PaintedSpan[], after: PaintedSpan[]): boolean {
  return (
    before.length === after.length &&
    before.every((span, index) => {
      const other = after[index]!;
      return (
        span.id === other.id &&
        span.start === other.start &&
        span.end === other.end &&
        span.color === other.color &&
        span.pending === other.pending &&
        span.draft === other.draft
      );
    })
  );
}
