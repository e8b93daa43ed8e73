import type { ExportTag } from "./source";

/** What the reports print for a claim that carries more than one verdict. */
export const VERDICT_IN_CONFLICT = "verdict in conflict";

/**
 * A claim's verdict for the exports: its verdict tag when it has exactly one;
 * `conflict` with them all when it has several (exports publish none of them);
 * null when it has none.
 */
export function claimVerdict(tags: ExportTag[]): { verdict: ExportTag } | { conflict: ExportTag[] } | null {
  const verdicts = tags.filter((tag) => tag.kind === "VERDICT");
  if (verdicts.length === 0) return null;
  return verdicts.length === 1 ? { verdict: verdicts[0]! } : { conflict: verdicts };
}

/** A claim's tag names as the reports list them, with a warning when its verdicts conflict. */
export function reportedTagNames(tags: ExportTag[]): string[] {
  const names = tags.map((tag) => tag.name);
  const verdict = claimVerdict(tags);
  return verdict && "conflict" in verdict ? [...names, `(${VERDICT_IN_CONFLICT})`] : names;
}
