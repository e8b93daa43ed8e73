/**
 * Anchoring: spans of article text in UTF-16 code units, checked, snapped to
 * whole characters, and found again after the text changes. Pure functions,
 * shared by the server and the browser.
 */
export { type CodePointConverter, codePointConverter } from "./code-points";
export { createEditMap, type EditMap } from "./edit-map";
export { normalizeSelection, snapToGraphemes } from "./graphemes";
export {
  createFuzzyBudget,
  type FuzzyBudget,
  findExactQuote,
  findFuzzyQuote,
  type QuoteHints,
  type QuoteMatch,
} from "./match-quote";
export { placeQuotes, type QuotePlacementRequest } from "./place-quotes";
export { type AnchorResult, type AnchorState, reanchorAll, type StoredAnchor } from "./reanchor";
export {
  CONTEXT_LENGTH,
  clipText,
  describeSpanMismatch,
  quoteContext,
  splitsSurrogatePair,
  type TextSpan,
} from "./span";
