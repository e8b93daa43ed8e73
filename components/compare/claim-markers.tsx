import type { KeyboardEvent, ReactNode } from "react";
import { safeColor } from "@/components/ui/tag-color";

export interface MarkedClaim {
  annotationId: string;
  start: number;
  end: number;
  color: string;
}

export type MarkerState = "selected" | "related" | "plain";

/** The claims of a text in reading order: by start, the longer first where two start together. */
export function inReadingOrder<T extends MarkedClaim>(claims: T[]): T[] {
  return [...claims].sort((a, b) => a.start - b.start || b.end - a.end);
}

const QUOTE_IN_NAME = 80;

/** "Claim 3: “the Taliban stepped up…”": what a screen reader says for a claim's button. */
export function claimName(text: string, claim: MarkedClaim, number: number, state: MarkerState): string {
  const quote = text.slice(claim.start, claim.end).replace(/\s+/g, " ").trim();
  const shown = quote.length > QUOTE_IN_NAME ? `${quote.slice(0, QUOTE_IN_NAME)}…` : quote;
  return `Claim ${number}${state === "related" ? ", about the same event" : ""}: “${shown}”`;
}

const MARKER_STYLE: Record<MarkerState, string> = {
  selected: "bg-indigo-700 text-white",
  related: "bg-amber-100 text-amber-950 outline-2 outline-amber-500",
  plain: "bg-white text-stone-800",
};

export interface MarkerProps {
  claim: MarkedClaim;
  number: number;
  state: MarkerState;
  name: string;
  /** In the Tab order: the column's current claim (a roving tabindex). */
  isTabStop: boolean;
  onPress: () => void;
  onFocus: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
}

/**
 * A claim's button, set in the text just before the claim: a numbered chip
 * ringed in the claim's colour. Marked `data-parallax-ui` and with its number
 * drawn by CSS (no text node), so offsets and quotes read from the DOM stay
 * those of the article text.
 */
export function ClaimMarker({ claim, number, state, name, isTabStop, onPress, onFocus, onKeyDown }: MarkerProps) {
  return (
    <button
      type="button"
      data-parallax-ui
      data-claim-id={claim.annotationId}
      data-number={number}
      aria-label={name}
      aria-pressed={state === "selected"}
      tabIndex={isTabStop ? 0 : -1}
      onClick={(event) => {
        // The text's own click handler would read a point in the text; the button has none.
        event.stopPropagation();
        onPress();
      }}
      onFocus={onFocus}
      onKeyDown={onKeyDown}
      className={`mx-0.5 inline-flex h-[1.15rem] min-w-[1.15rem] select-none items-center justify-center rounded-full
        border-2 px-1 align-[0.1em] font-sans text-[0.65rem] font-semibold leading-none
        before:content-[attr(data-number)] focus-visible:outline-3 focus-visible:outline-offset-1
        focus-visible:outline-indigo-600 ${MARKER_STYLE[state]}`}
      style={{ borderColor: safeColor(claim.color) }}
    />
  );
}

/**
 * One line of an article cut where claims start, with `marker(claim)` set
 * before each: the line's text is kept whole around them.
 */
export function lineWithMarkers<T extends MarkedClaim>(
  line: string,
  lineStart: number,
  claims: T[],
  marker: (claim: T) => ReactNode,
): ReactNode {
  const lineEnd = lineStart + line.length;
  const starting = claims.filter((claim) => claim.start >= lineStart && claim.start <= lineEnd);
  if (starting.length === 0) return line;
  const pieces: ReactNode[] = [];
  let at = lineStart;
  for (const claim of starting) {
    if (claim.start > at) pieces.push(line.slice(at - lineStart, claim.start - lineStart));
    at = claim.start;
    pieces.push(marker(claim));
  }
  pieces.push(line.slice(at - lineStart));
  return pieces;
}

const KEYS = {
  vertical: { previous: "ArrowUp", next: "ArrowDown" },
  horizontal: { previous: "ArrowLeft", next: "ArrowRight" },
} as const;

/**
 * The index a key moves to in a list of `count` items from `index`: the
 * arrows of `axis` (wrapping around the ends when `wraps`, as tabs do),
 * Home and End; null for any other key.
 */
export function movedIndex(
  key: string,
  index: number,
  count: number,
  axis: keyof typeof KEYS,
  wraps: boolean,
): number | null {
  const step = key === KEYS[axis].next ? 1 : key === KEYS[axis].previous ? -1 : 0;
  if (step !== 0) return wraps ? (index + step + count) % count : Math.min(count - 1, Math.max(0, index + step));
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  return null;
}
