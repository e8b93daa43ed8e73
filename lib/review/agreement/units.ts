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
  // Each span makes at most one unit: lists of that size, cut to the units made (growing lists cost a sixth more).
  const most = spans.order.length;
  const members = new Int32Array(most * coders);
  const startOf = new Float64Array(most);
  const endOf = new Float64Array(most);
  let units = 0;
  // The open units of the current article, in creation order (as the first match must be).
  const open = new Int32Array(most);
  let openCount = 0;
  let article: number | undefined;
  for (let at = 0; at < spans.order.length; at++) {
    const span = spans.order[at]!;
    const start = spans.start[span]!;
    const end = spans.end[span]!;
    const coder = spans.coder[span]!;
    if (spans.article[span] !== article) {
      article = spans.article[span];
      openCount = 0;
    } else {
      let kept = 0;
      for (let index = 0; index < openCount; index++) if (endOf[open[index]!]! > start) open[kept++] = open[index]!;
      openCount = kept;
    }
    let unit = -1;
    for (let index = 0; index < openCount; index++) {
      const candidate = open[index]!;
      if (members[candidate * coders + coder] === -1 && start < endOf[candidate]! && startOf[candidate]! < end) {
        unit = candidate;
        break;
      }
    }
    if (unit >= 0) {
      members[unit * coders + coder] = span;
      endOf[unit] = Math.max(endOf[unit]!, end);
    } else {
      members.fill(-1, units * coders, (units + 1) * coders);
      members[units * coders + coder] = span;
      startOf[units] = start;
      endOf[units] = end;
      open[openCount++] = units;
      units++;
    }
  }
  return members.slice(0, units * coders);
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
