import { createEditMap, type EditMap } from "./edit-map";
import { createFuzzyBudget, findExactQuote, findFuzzyQuote } from "./match-quote";
import { quoteContext } from "./span";

/**
 * How an annotation was found after a text edit: at its old place mapped
 * through the edit (`exact`), as the best exact copy of its quote elsewhere
 * (`moved`), by approximate match (`fuzzy`), or not at all (`orphaned`).
 */
export type AnchorState = "exact" | "moved" | "fuzzy" | "orphaned";

export interface StoredAnchor {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  /** Already orphaned by an earlier edit: its offsets point into an older text, so only its quote is searched for. */
  orphaned?: boolean;
}

export interface AnchorResult {
  state: AnchorState;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

/**
 * Finds every anchor of `oldText` again in `newText`, in input order, trying
 * for each: the old offsets mapped through the edit (the diff is computed
 * once for all), the best exact copy of the quote, a fuzzy match (all of them
 * together within one budget of approximate searching). What is not found
 * comes back orphaned with its old offsets and quote: never dropped, never
 * guessed.
 */
export function reanchorAll(oldText: string, newText: string, anchors: readonly StoredAnchor[]): AnchorResult[] {
  if (anchors.length === 0) return [];
  const editMap = createEditMap(oldText, newText);
  const budget = createFuzzyBudget();
  return anchors.map((anchor) => {
    const found = (state: AnchorState, start: number, end: number): AnchorResult => ({
      state,
      start,
      end,
      exact: newText.slice(start, end),
      ...quoteContext(newText, start, end),
    });
    // An orphan's offsets point into an older text: scaled, they are still the best guess of where to look.
    let position = Math.round(anchor.start * (newText.length / Math.max(1, oldText.length)));
    if (!anchor.orphaned) {
      const mapped = mappedSpan(newText, anchor, editMap);
      if (mapped) {
        // A character diff may align a repeated quote with the wrong copy. While the
        // text on one side is unchanged the span is where the diff says; when both
        // sides changed, a copy whose surroundings match better wins.
        const context = quoteContext(newText, mapped.start, mapped.end);
        if (context.prefix === anchor.prefix || context.suffix === anchor.suffix)
          return found("exact", mapped.start, mapped.end);
        const best = findExactQuote(newText, anchor.exact, {
          prefix: anchor.prefix,
          suffix: anchor.suffix,
          position: mapped.start,
        });
        return !best || best.start === mapped.start
          ? found("exact", mapped.start, mapped.end)
          : found("moved", best.start, best.end);
      }
      position = editMap.mapOffset(anchor.start, "after");
    }
    const hints = { prefix: anchor.prefix, suffix: anchor.suffix, position };
    const exact = findExactQuote(newText, anchor.exact, hints);
    if (exact) return found("moved", exact.start, exact.end);
    const fuzzy = findFuzzyQuote(newText, anchor.exact, hints, budget);
    if (fuzzy) return found("fuzzy", fuzzy.start, fuzzy.end);
    const { start, end, exact: quote, prefix, suffix } = anchor;
    return { state: "orphaned", start, end, exact: quote, prefix, suffix };
  });
}

/**
 * The anchor's old span mapped through the edit, if the quote is there
 * unchanged. A diff is one of several equivalent ones ("aab" → "aaab" may
 * insert at 1 or at 2), so an edit next to a span can show up inside it: the
 * span is then tried from whichever end the edit left alone.
 */
function mappedSpan(newText: string, anchor: StoredAnchor, editMap: EditMap): { start: number; end: number } | null {
  const length = anchor.end - anchor.start;
  const start = editMap.mapOffset(anchor.start, "after");
  const end = editMap.mapOffset(anchor.end, "before");
  for (const candidate of [
    { start, end },
    { start, end: start + length },
    { start: end - length, end },
  ]) {
    if (
      candidate.start >= 0 &&
      candidate.start < candidate.end &&
      newText.slice(candidate.start, candidate.end) === anchor.exact
    )
      return candidate;
  }
  return null;
}
