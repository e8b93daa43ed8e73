/**
 * Painting annotations with the CSS Custom Highlight API: one `Highlight`
 * per tag colour (translucent, so overlaps blend), one underlining spans
 * nested in another, and one each for the selected, flashing and unsaved
 * spans; suggestions apart (paintSuggestions). The text itself is never touched.
 */
import { safeColor, translucent } from "@/components/ui/tag-color";
import { spanLocator } from "@/lib/anchoring/dom";

export interface PaintedSpan {
  id: string;
  start: number;
  end: number;
  /** `#rrggbb`, the first tag's colour. */
  color: string;
  pending?: boolean;
  /** The passage being tagged, not yet an annotation: marked as pending only. */
  draft?: boolean;
}

export interface PaintState {
  selectedId: string | null;
  flashId: string | null;
  /** A collapsed keyboard caret, shown as an underlined character. */
  caret: { start: number; end: number } | null;
  relatedIds?: ReadonlySet<string>;
}

const PREFIX = "plx-";

export function supportsCustomHighlights(): boolean {
  return typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight === "function";
}

export function colorHighlightName(color: string): string {
  return `${PREFIX}c-${safeColor(color).slice(1)}`;
}

/** The `::highlight()` rules for the colours in use; colours are validated, so the CSS is safe. */
export function highlightStyles(colors: Iterable<string>): string {
  const rules = [...new Set([...colors].map(safeColor))].map(
    (color) => `::highlight(${colorHighlightName(color)}) { background-color: ${translucent(color, 0.32)}; }`,
  );
  return rules.join("\n");
}

/** Ids of spans lying inside an earlier-starting (or equal, earlier-listed) span: drawn underlined. */
export function nestedSpanIds(spans: PaintedSpan[]): Set<string> {
  const ordered = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const nested = new Set<string>();
  let furthestEnd = -1;
  for (const span of ordered) {
    if (span.end <= furthestEnd) nested.add(span.id);
    furthestEnd = Math.max(furthestEnd, span.end);
  }
  return nested;
}

export interface PaintLayer {
  /** A rendered article text (see lib/anchoring/dom.ts). */
  root: Element;
  spans: PaintedSpan[];
}

/**
 * Replaces every Parallax highlight in the document with the given spans of
 * one or more article texts (the side-by-side view paints several).
 * `state.related` are spans to point out (claims about the same event).
 */
export function paintHighlights(layers: PaintLayer[], state: PaintState): void {
  const highlights = new Map<string, Highlight>();
  const add = (name: string, range: AbstractRange, priority: number) => {
    let highlight = highlights.get(name);
    if (!highlight) {
      highlight = new Highlight();
      highlight.priority = priority;
      highlights.set(name, highlight);
    }
    highlight.add(range);
  };
  for (const { root, spans } of layers) {
    // StaticRanges: cheap to make by the thousand, and the text they cover is not edited while painted (a repaint
    // follows any change).
    const locate = spanLocator(root);
    const rangeFor = (start: number, end: number) => {
      const span = locate(start, end);
      return span && new StaticRange(span);
    };
    const nested = nestedSpanIds(spans);
    for (const span of spans) {
      const range = rangeFor(span.start, span.end);
      if (!range) continue;
      if (!span.draft) add(colorHighlightName(span.color), range, 0);
      if (nested.has(span.id)) add(`${PREFIX}nested`, range, 1);
      if (span.pending) add(`${PREFIX}pending`, range, 2);
      if (span.id === state.selectedId) add(`${PREFIX}selected`, range, 3);
      if (state.relatedIds?.has(span.id)) add(`${PREFIX}related`, range, 3);
      if (span.id === state.flashId) add(`${PREFIX}flash`, range, 4);
    }
    const caret = state.caret && rangeFor(state.caret.start, state.caret.end);
    if (caret) add(`${PREFIX}caret`, caret, 5);
  }

  for (const name of [...CSS.highlights.keys()]) {
    if (name.startsWith(PREFIX) && !highlights.has(name)) CSS.highlights.delete(name);
  }
  for (const [name, highlight] of highlights) CSS.highlights.set(name, highlight);
}

/** Suggestions' highlights have their own prefix: painting the annotations leaves them, and theirs the annotations. */
const SUGGESTION_PREFIX = "plxs-";

/**
 * Outlines the suggestions (dashed, no fill; the current one more strongly),
 * all at once: they are few next to the annotations, and their arrival or a
 * move to the next one does not paint the annotations again. No spans, or no
 * root, clears them.
 */
export function paintSuggestions(root: Element | null, spans: { start: number; end: number; current: boolean }[]) {
  if (!supportsCustomHighlights()) return;
  const [others, current] = [new Highlight(), new Highlight()];
  const locate = root && spans.length > 0 ? spanLocator(root) : null;
  for (const { start, end, current: isCurrent } of locate ? spans : []) {
    const span = locate!(start, end);
    if (span) (isCurrent ? current : others).add(new StaticRange(span));
  }
  for (const [name, highlight] of [
    [`${SUGGESTION_PREFIX}suggestion`, others],
    [`${SUGGESTION_PREFIX}suggestion-current`, current],
  ] as const) {
    highlight.priority = 1;
    if (highlight.size > 0) CSS.highlights.set(name, highlight);
    else CSS.highlights.delete(name);
  }
}

export function clearHighlights(): void {
  if (!supportsCustomHighlights()) return;
  for (const name of [...CSS.highlights.keys()]) if (name.startsWith(PREFIX)) CSS.highlights.delete(name);
}

/** Text offsets [start, end) of the paragraphs on screen, widened by `margin` pixels above and below. */
export function onScreenText(root: Element, margin: number): { start: number; end: number } {
  const paragraphs = root.querySelectorAll<HTMLElement>("p[data-start]");
  const count = paragraphs.length;
  if (count === 0) return { start: 0, end: 0 };
  // Binary searches by position: a few layout reads, however long the article.
  const firstBelow = (isBelow: (paragraph: HTMLElement) => boolean) => {
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (isBelow(paragraphs[middle]!)) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  const first = Math.min(
    count - 1,
    firstBelow((paragraph) => paragraph.getBoundingClientRect().bottom >= -margin),
  );
  const afterLast = firstBelow((paragraph) => paragraph.getBoundingClientRect().top > window.innerHeight + margin);
  const startOf = (index: number) => Number(paragraphs[index]!.dataset.start);
  return { start: startOf(first), end: afterLast < count ? startOf(afterLast) : Number.POSITIVE_INFINITY };
}
