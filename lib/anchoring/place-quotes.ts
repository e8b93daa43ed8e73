import { createFuzzyBudget, findExactQuote, findFuzzyQuote, type QuoteHints, type QuoteMatch } from "./match-quote";

export interface QuotePlacementRequest extends QuoteHints {
  exact: string;
}

/**
 * Where each quote is in `text`: its best exact copy, else its best
 * approximate match, all requests together within one budget of approximate
 * searching. Null for a quote not found (or past the budget).
 */
export function placeQuotes(text: string, requests: readonly QuotePlacementRequest[]): (QuoteMatch | null)[] {
  const budget = createFuzzyBudget();
  return requests.map(
    ({ exact, ...hints }) => findExactQuote(text, exact, hints) ?? findFuzzyQuote(text, exact, hints, budget),
  );
}
