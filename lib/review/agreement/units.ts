/** A coder's span in an article. */
export interface CoderSpan {
  articleId: string;
  /** The coder's index in the list of coders compared. */
  coder: number;
  start: number;
  end: number;
}

/** Spans as parallel lists (a million spans make no million objects), in the order `order` gives. */
export interface SpanLists {
  /** Each span's article, as a number: spans of one article are together in `order`. */
  article: ArrayLike<number>;
  coder: ArrayLike<number>;
  start: ArrayLike<number>;
  end: ArrayLike<number>;
  /** The spans' indexes, each article's together and in text order (start, then end). */
  order: ArrayLike<number>;
}

/**
 * Units of analysis: the coders' spans matched by overlap within each article
 * (greedily, in text order; a span joins the first unit it overlaps where its
 * coder has no span yet), so boundaries may differ. The units come as one
 * list of `coders` slots each: a slot holds the index of that coder's span,
 * or −1 where that coder marked nothing.
 *
 * In text order, a unit that ends where the current span starts (or before)
 * can take no later span either: only the current article's units still open
 * are compared, so a project of a million spans is matched in one pass, not
 * each span against every unit made so far.
 */
export function matchSpanLists(spans: SpanLists, coders: number): Int32Array {
  const members: number[] = [];
  // The open units of the current article, in creation order (as the first match must be); every unit's extent.
  let open: number[] = [];
  const startOf: number[] = [];
  const endOf: number[] = [];
  let article: number | undefined;
  for (let at = 0; at < spans.order.length; at++) {
    const span = spans.order[at]!;
    const start = spans.start[span]!;
    const end = spans.end[span]!;
    const coder = spans.coder[span]!;
    if (spans.article[span] !== article) {
      article = spans.article[span];
      open = [];
    } else {
      let kept = 0;
      for (const unit of open) if (endOf[unit]! > start) open[kept++] = unit;
      open.length = kept;
    }
    const unit = open.find(
      (candidate) =>
        members[candidate * coders + coder] === -1 && start < endOf[candidate]! && startOf[candidate]! < end,
    );
    if (unit !== undefined) {
      members[unit * coders + coder] = span;
      endOf[unit] = Math.max(endOf[unit]!, end);
    } else {
      const created = endOf.length;
      for (let slot = 0; slot < coders; slot++) members.push(slot === coder ? span : -1);
      startOf.push(start);
      endOf.push(end);
      open.push(created);
    }
  }
  return Int32Array.from(members);
}

/** matchSpanLists of spans given as objects, in any order; each unit lists one slot per coder, null where none. */
export function matchSpans<Span extends CoderSpan>(spans: Span[], coders: number): (Span | null)[][] {
  const ordered = [...spans].sort((a, b) =>
    a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : a.start - b.start || a.end - b.end,
  );
  const articleNumbers = new Map(ordered.map((span, index) => [span.articleId, index]));
  const members = matchSpanLists(
    {
      article: ordered.map((span) => articleNumbers.get(span.articleId)!),
      coder: ordered.map((span) => span.coder),
      start: ordered.map((span) => span.start),
      end: ordered.map((span) => span.end),
      order: ordered.map((_, index) => index),
    },
    coders,
  );
  return Array.from({ length: members.length / coders }, (_, unit) =>
    Array.from(members.subarray(unit * coders, (unit + 1) * coders), (member) =>
      member < 0 ? null : ordered[member]!,
    ),
  );
}
