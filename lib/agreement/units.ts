/** A coder's span in an article. */
export interface CoderSpan {
  articleId: string;
  /** The coder's index in the list of coders compared. */
  coder: number;
  start: number;
  end: number;
}

/**
 * Units of analysis: the coders' spans matched by overlap within each article
 * (greedily, in text order; a span joins the first unit it overlaps where its
 * coder has no span yet), so boundaries may differ. Each unit lists one slot
 * per coder, null where that coder marked nothing.
 */
export function matchSpans<Span extends CoderSpan>(spans: Span[], coders: number): (Span | null)[][] {
  const units: { articleId: string; start: number; end: number; members: (Span | null)[] }[] = [];
  const ordered = [...spans].sort((a, b) => a.articleId.localeCompare(b.articleId) || a.start - b.start || a.end - b.end);
  for (const span of ordered) {
    const unit = units.find((candidate) => candidate.articleId === span.articleId && candidate.members[span.coder] === null && span.start < candidate.end && candidate.start < span.end);
    if (unit) {
      unit.members[span.coder] = span;
      unit.start = Math.min(unit.start, span.start);
      unit.end = Math.max(unit.end, span.end);
    } else {
      const members: (Span | null)[] = Array.from({ length: coders }, () => null);
      members[span.coder] = span;
      units.push({ articleId: span.articleId, start: span.start, end: span.end, members });
    }
  }
  return units.map((unit) => unit.members);
}
