/**
 * The browser's selection in the rendered article text, read as text offsets
 * and moved to text offsets (see lib/anchoring/dom.ts for the mapping).
 */
import { normalizeSelection } from "@/lib/anchoring";
import { rangeForSpan, textOffsetOf } from "@/lib/anchoring/dom";

/** The widest floating panel shown below the text (the tag popover's 22rem). */
const PANEL_WIDTH_PX = 352;
const PANEL_GAP_PX = 8;

/** Where to put a floating panel below a DOM rectangle, in the coordinates of `surface` (its positioned parent). */
export function placeBelow(surface: Element, rect: DOMRect): { top: number; left: number } {
  const bounds = surface.getBoundingClientRect();
  const width = Math.min(PANEL_WIDTH_PX, bounds.width);
  return {
    top: rect.bottom - bounds.top + PANEL_GAP_PX,
    left: Math.max(0, Math.min(rect.left - bounds.left, bounds.width - width)),
  };
}

/** The current browser selection as a span of the text, snapped to whole characters; null if none. */
export function selectedSpan(root: Element, text: string): { start: number; end: number; rect: DOMRect } | null {
  const current = window.getSelection();
  if (!current || current.rangeCount === 0 || current.isCollapsed || !current.anchorNode || !current.focusNode)
    return null;
  const from = textOffsetOf(root, current.anchorNode, current.anchorOffset);
  const to = textOffsetOf(root, current.focusNode, current.focusOffset);
  if (from === null || to === null) return null;
  const span = normalizeSelection(text, from, to);
  if (!span) return null;
  const rects = current.getRangeAt(0).getClientRects();
  return { ...span, rect: rects[rects.length - 1] ?? current.getRangeAt(0).getBoundingClientRect() };
}

/** The selection's moving end (the caret) as a text offset, with a rectangle to place a panel by. */
export function caretPoint(root: Element): { offset: number; rect: DOMRect } | null {
  const current = window.getSelection();
  if (!current?.focusNode) return null;
  const offset = textOffsetOf(root, current.focusNode, current.focusOffset);
  if (offset === null) return null;
  const range = document.createRange();
  range.setStart(current.focusNode, current.focusOffset);
  const rect = range.getBoundingClientRect();
  return { offset, rect: rect.height > 0 ? rect : (current.focusNode.parentElement?.getBoundingClientRect() ?? rect) };
}

/** The browser selection, put at the text's start first when it is not in the text yet. */
export function selectionInText(root: Element): Selection {
  const current = window.getSelection()!;
  if (current.rangeCount === 0 || !root.contains(current.focusNode)) {
    const start = rangeForSpan(root, 0, 0);
    if (start) current.collapse(start.startContainer, start.startOffset);
  }
  return current;
}

/** Moves the caret to a text offset; with `extend`, moves only the selection's focus, keeping its anchor. */
export function moveCaretTo(root: Element, offset: number, extend: boolean): void {
  const point = rangeForSpan(root, offset, offset);
  if (!point) return;
  const current = selectionInText(root);
  if (extend) current.extend(point.startContainer, point.startOffset);
  else current.collapse(point.startContainer, point.startOffset);
}
