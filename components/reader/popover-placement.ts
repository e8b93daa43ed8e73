/** Room left between a floating panel and what it points at, or the window's edge (px). */
export const PANEL_GAP = 8;
/** The panel's width, as its class sets it (22rem), for placing it before it is measured. */
const PANEL_WIDTH = 352;
/** Below this height on either side of the selection, the panel covers it instead of shrinking to a sliver (px). */
const MIN_PANEL_HEIGHT = 240;

/** Where a panel for a selection may go, in its surface's coordinates: below `top`, or above `aboveTop`. */
export interface PanelAnchor {
  /** Just below the selection's last line. */
  top: number;
  /** Just above the selection's first line. */
  aboveTop: number;
  left: number;
}

/**
 * The anchor of the tag popover for the browser's current selection, whose
 * last line is `lastLine`, in the coordinates of `surface` (the positioned
 * element the popover sits in).
 */
export function anchorForSelection(surface: HTMLElement, lastLine: DOMRect): PanelAnchor {
  const box = surface.getBoundingClientRect();
  const current = window.getSelection();
  const first = current && current.rangeCount > 0 ? current.getRangeAt(0).getBoundingClientRect() : lastLine;
  const width = Math.min(PANEL_WIDTH, box.width);
  return {
    top: lastLine.bottom - box.top + PANEL_GAP,
    aboveTop: Math.min(first.top, lastLine.top) - box.top - PANEL_GAP,
    left: Math.max(0, Math.min(lastLine.left - box.left, box.width - width)),
  };
}

export interface PanelPlacement {
  top: number;
  left: number;
  /** Set when the panel would not fit whole: it scrolls inside itself. */
  maxHeight: number | undefined;
}

/**
 * Where the panel goes so that it fits in the window: below the selection if
 * it fits there, else above it, else on the roomier side scrolling inside
 * itself, else over the selection at the window's height. `surface` is the
 * surface's box on screen; `height` and `width` the panel's natural size.
 */
export function placePanel(
  anchor: PanelAnchor,
  surface: DOMRect,
  size: { height: number; width: number },
  view: { width: number; height: number },
): PanelPlacement {
  const below = view.height - PANEL_GAP - (surface.top + anchor.top);
  const above = surface.top + anchor.aboveTop - PANEL_GAP;
  const minLeft = PANEL_GAP - surface.left;
  const maxLeft = view.width - PANEL_GAP - size.width - surface.left;
  const left = Math.max(minLeft, Math.min(anchor.left, maxLeft));
  if (size.height <= below) return { top: anchor.top, left, maxHeight: undefined };
  if (size.height <= above) return { top: anchor.aboveTop - size.height, left, maxHeight: undefined };
  if (Math.max(below, above) >= MIN_PANEL_HEIGHT) {
    return below >= above
      ? { top: anchor.top, left, maxHeight: below }
      : { top: anchor.aboveTop - above, left, maxHeight: above };
  }
  const height = view.height - 2 * PANEL_GAP;
  return { top: PANEL_GAP - surface.top, left, maxHeight: Math.min(size.height, height) };
}
