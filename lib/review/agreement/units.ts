/** A coder's span in an article. */
export interface CoderSpan {
  articleId: string;
  /** The coder's index in the list of coders compared. */
  coder: number;
  start: number;
  end: number;
}

interface OpenUnit<Span> {
  start: number;
  end: number;
  members: (Span | null)[];
}

/**
 * Units of analysis: the coders' spans matched by overlap within each article
 * (greedily, in text order; a span joins the first unit it overlaps where its
 * coder has no span yet), so boundaries may differ. Each unit lists one slot
 * per coder, null where that coder marked nothing.
 *
 * In text order, a unit that ends where the current span starts (or before)
 * can take no later span either: only the current article's units still open
 * are compared, so a project of a million spans is matched in one pass, not
 * each span against every unit made so far.
 */
export function matchSpans<Span extends CoderSpan>(spans: Span[], coders: number): (Span | null)[][] {
  const units: (Span | null)[][] = [];
  const ordered = [...spans].sort((a, b) =>
    a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : a.start - b.start || a.end - b.end,
  );
  let open: OpenUnit<Span>[] = [];
  let article: string | undefined;
  for (const span of ordered) {
    if (span.articleId !== article) {
      article = span.articleId;
      open = [];
    } else {
      // Kept in creation order, as the first match must be (in place: a million spans would make a million lists).
      let kept = 0;
      for (const unit of open) if (unit.end > span.start) open[kept++] = unit;
      open.length = kept;
    }
    const unit = open.find(
      (candidate) => candidate.members[span.coder] === null && span.start < candidate.end && candidate.start < span.end,
    );
    if (unit) {
      unit.members[span.coder] = span;
      unit.end = Math.max(unit.end, span.end);
    } else {
      const members: (Span | null)[] = Array.from({ length: coders }, () => null);
      members[span.coder] = span;
      units.push(members);
      open.push({ start: span.start, end: span.end, members });
    }
  }
  return units;
}
