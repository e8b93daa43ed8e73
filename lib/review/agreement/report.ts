/**
 * The arithmetic of an agreement report, a pure function of plain data: it
 * runs on a worker thread (lib/workers/tasks.ts), since its cost grows with
 * the project (a million annotations), while the request thread serves others.
 */
import { krippendorffsAlpha } from "./statistics";
import { type CategoryDisagreement, type CoderSegments, coderSegmentsDisagreement } from "./unitized";
import { matchSpanLists } from "./units";

/** What a coder's span says about one codebook group when it carries none of its tags. */
const NO_TAG = "(no tag)";
/** What a span's links say when it has none. */
const NOT_LINKED = "(not linked)";

/**
 * One article's spans by the chosen coders, in text order (compact to read and
 * to hand to a worker): `spans` holds SPAN_BYTES per span, big-endian, its
 * coder (int16: the index into the coders compared), start and end (int32),
 * as PostgreSQL's int2send and int4send write them; `tags` and `links` hold
 * one entry per span, separated by ",", each entry the span's tag numbers
 * (indexes into `AgreementInput.tags`) or its links ("eventId:STANCE",
 * sorted) separated by spaces; an empty entry for none.
 */
export interface ArticleSpans {
  articleId: string;
  textLength: number;
  spans: Uint8Array;
  tags: string;
  links: string;
}

/** Bytes per span in `ArticleSpans.spans`: a million spans are 10 MB read as they are, not 3 million numbers parsed. */
export const SPAN_BYTES = 10;

/** `ArticleSpans.spans` of a list of spans (as the database packs them). */
export function packSpans(spans: { coder: number; start: number; end: number }[]): Uint8Array {
  const bytes = new Uint8Array(spans.length * SPAN_BYTES);
  const view = new DataView(bytes.buffer);
  spans.forEach((span, index) => {
    view.setInt16(index * SPAN_BYTES, span.coder);
    view.setInt32(index * SPAN_BYTES + 2, span.start);
    view.setInt32(index * SPAN_BYTES + 6, span.end);
  });
  return bytes;
}

export interface AgreementInput {
  coders: number;
  /** The codebook: groups in order, each with its tags' names in order. */
  groups: { name: string; tags: string[] }[];
  /** Every tag of the codebook, numbered as the spans' `tags` refer to them. */
  tags: { name: string; group: string }[];
  /** In article id order: the continuum unitized alpha measures is their texts one after the other. */
  articles: ArticleSpans[];
}

export interface TagAgreement {
  tag: string;
  kappa: number | null;
  alpha: number | null;
}

export interface GroupAgreement {
  group: string;
  units: number;
  observed: number | null;
  kappa: number | null;
  alpha: number | null;
  tags: TagAgreement[];
}

export interface AgreementFigures {
  /** Matched span units: marked by every coder, and all units (marked by at least one). */
  spans: { matched: number; total: number };
  groups: GroupAgreement[];
  links: { units: number; observed: number | null; kappa: number | null; alpha: number | null };
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

/** Each coder's segments of one category, positions on the continuum of the articles' texts. */
type CategorySegments = { starts: Float64Array; ends: Float64Array; count: number }[];

/**
 * Every span as parallel lists (no object per span: a million spans would keep the collector busy for a third of the
 * time), and every span's tags as segments by category (tag name) and coder on the continuum of the articles' texts
 * one after the other. Spans with the same tags share one list of them, and spans with the same links one value: a
 * million spans carry a few dozen distinct lists. The segments are counted first and then written into lists of
 * their size: growing a list per category and coder took a sixth of the report's time.
 */
function unpack(input: AgreementInput) {
  const spanCount = (article: ArticleSpans) => article.spans.byteLength / SPAN_BYTES;
  const count = input.articles.reduce((sum, article) => sum + spanCount(article), 0);
  const spans = {
    article: new Int32Array(count),
    coder: new Int32Array(count),
    start: new Float64Array(count),
    end: new Float64Array(count),
    order: new Int32Array(count),
    /** Each span's list of tags (indexes into `AgreementInput.tags`), as an index into `tagLists`. */
    tagList: new Int32Array(count),
    /** Each span's links ("eventId:STANCE …", or NOT_LINKED), as an index into `linkValues`. */
    links: new Int32Array(count),
  };
  const tagLists: number[][] = [];
  const tagListNumbers = new Map<string, number>();
  const linkValues: string[] = [];
  const linkNumbers = new Map<string, number>();
  const coders = input.coders;
  const categories = [...new Set(input.tags.map((tag) => tag.name))];
  /** Each tag's category (tags of one name share it). */
  const categoryOf = input.tags.map((tag) => categories.indexOf(tag.name));
  /** Segments per category and coder: category × coders + coder. */
  const segmentCounts = new Int32Array(categories.length * coders);
  const firstSpan = new Int32Array(input.articles.length + 1);
  let span = 0;
  input.articles.forEach((article, articleNumber) => {
    const tags = article.tags.split(",");
    const links = article.links.split(",");
    const packed = new DataView(article.spans.buffer, article.spans.byteOffset, article.spans.byteLength);
    const first = span;
    let inTextOrder = true;
    for (let index = 0; index < spanCount(article); index++, span++) {
      const coder = packed.getInt16(index * SPAN_BYTES);
      const start = packed.getInt32(index * SPAN_BYTES + 2);
      const end = packed.getInt32(index * SPAN_BYTES + 6);
      spans.article[span] = articleNumber;
      spans.coder[span] = coder;
      spans.start[span] = start;
      spans.end[span] = end;
      spans.order[span] = span;
      if (
        index > 0 &&
        (start < spans.start[span - 1]! || (start === spans.start[span - 1] && end < spans.end[span - 1]!))
      )
        inTextOrder = false;
      const tagEntry = tags[index] ?? "";
      let tagList = tagListNumbers.get(tagEntry);
      if (tagList === undefined) {
        tagList = tagLists.length;
        tagListNumbers.set(tagEntry, tagList);
        tagLists.push(tagEntry ? tagEntry.split(" ").map(Number) : []);
      }
      spans.tagList[span] = tagList;
      const linkValue = links[index] || NOT_LINKED;
      let link = linkNumbers.get(linkValue);
      if (link === undefined) {
        link = linkValues.length;
        linkNumbers.set(linkValue, link);
        linkValues.push(linkValue);
      }
      spans.links[span] = link;
      if (coder >= 0 && coder < coders)
        for (const tag of tagLists[tagList]!) segmentCounts[categoryOf[tag]! * coders + coder]!++;
    }
    // Spans come in text order from the database; others are put in it (stable, as matchSpans does).
    if (!inTextOrder)
      spans.order
        .subarray(first, span)
        .sort((a, b) => spans.start[a]! - spans.start[b]! || spans.end[a]! - spans.end[b]! || a - b);
    firstSpan[articleNumber + 1] = span;
  });
  const lists: CategorySegments[] = categories.map((_, category) =>
    Array.from({ length: coders }, (_, coder) => {
      const size = segmentCounts[category * coders + coder]!;
      return { starts: new Float64Array(size), ends: new Float64Array(size), count: 0 };
    }),
  );
  let offset = 0;
  input.articles.forEach((article, articleNumber) => {
    for (let at = firstSpan[articleNumber]!; at < firstSpan[articleNumber + 1]!; at++) {
      const own = spans.coder[at]!;
      if (own < 0 || own >= coders) continue;
      for (const tag of tagLists[spans.tagList[at]!]!) {
        const segments = lists[categoryOf[tag]!]![own]!;
        segments.starts[segments.count] = offset + spans.start[at]!;
        segments.ends[segments.count] = offset + spans.end[at]!;
        segments.count++;
      }
    }
    offset += article.textLength;
  });
  const segments = new Map(categories.map((category, index) => [category, lists[index]!]));
  // Units are matched article by article, in the articles' id order.
  const articleOrder = input.articles
    .map((article, number) => ({ id: article.articleId, number }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const order = new Int32Array(count);
  let at = 0;
  for (const { number } of articleOrder)
    for (let index = firstSpan[number]!; index < firstSpan[number + 1]!; index++) order[at++] = spans.order[index]!;
  return { spans: { ...spans, order }, tagLists, linkValues, segments, length: offset };
}

/**
 * Cohen's kappa of a yes/no decision from counts, as cohensKappa computes it
 * from the list of pairs (the same operations, so the same figures): `pairs`
 * units both coders marked, `both` of them said yes by both, `first` and
 * `second` yes by each. Counting spares a list per tag of a million units.
 */
function yesNoKappa(
  pairs: number,
  both: number,
  first: number,
  second: number,
): { units: number; observed: number | null; kappa: number | null } {
  if (pairs === 0) return { units: 0, observed: null, kappa: null };
  const observed = (pairs - first - second + 2 * both) / pairs;
  const expected = (first / pairs) * (second / pairs) + ((pairs - first) / pairs) * ((pairs - second) / pairs);
  return { units: pairs, observed, kappa: expected === 1 ? null : (observed - expected) / (1 - expected) };
}

/**
 * Kappa (first two coders) compares the tags of the spans both marked,
 * matched by overlap. Alpha is Krippendorff's unitized alpha: the tags are
 * categories on one continuum made of the texts of the articles the coders
 * annotated, one after the other, so differing boundaries and spans only some
 * coders marked lower it. For claim links, whose units are the spans all
 * coders marked, alpha is the nominal one over those decisions.
 */
export function agreementFigures(input: AgreementInput): AgreementFigures {
  const { spans, tagLists, linkValues, segments, length } = unpack(input);
  const coders = input.coders;
  const members = matchSpanLists(spans, coders);
  const unitCount = members.length / Math.max(coders, 1);
  const memberOf = (unit: number, coder: number) => members[unit * coders + coder]!;
  const matched: number[] = [];
  /** The units kappa compares, marked by both of the first two coders: their spans. */
  const firstSpans: number[] = [];
  const secondSpans: number[] = [];
  for (let unit = 0; unit < unitCount; unit++) {
    let complete = true;
    for (let coder = 0; coder < coders; coder++) if (memberOf(unit, coder) < 0) complete = false;
    if (complete) matched.push(unit);
    if (coders >= 2 && memberOf(unit, 0) >= 0 && memberOf(unit, 1) >= 0) {
      firstSpans.push(memberOf(unit, 0));
      secondSpans.push(memberOf(unit, 1));
    }
  }
  const pairs = firstSpans.length;

  /**
   * Kappa of a label per span, given as a number per key (`keyOf`: each span's tag list or links; `labelOf`: each
   * key's label, labels numbered from 0 below `labels`): pairsKappa's operations in its order, so its figures, with
   * counts in lists instead of a map lookup of a label's text per pair.
   */
  const kappaOf = (keyOf: Int32Array, labelOf: ArrayLike<number>, labels: number) => {
    if (pairs === 0) return { units: 0, observed: null, kappa: null };
    const first = new Float64Array(labels);
    const second = new Float64Array(labels);
    /** The first coder's labels in the order they first came, as pairsKappa's map holds them. */
    const seen: number[] = [];
    let agreeing = 0;
    for (let pair = 0; pair < pairs; pair++) {
      const a = labelOf[keyOf[firstSpans[pair]!]!]!;
      const b = labelOf[keyOf[secondSpans[pair]!]!]!;
      if (a === b) agreeing++;
      if (first[a] === 0) seen.push(a);
      first[a]!++;
      second[b]!++;
    }
    const observed = agreeing / pairs;
    let expected = 0;
    for (const label of seen) expected += (first[label]! / pairs) * (second[label]! / pairs);
    return {
      units: pairs,
      observed: round(observed),
      kappa: round(expected === 1 ? null : (observed - expected) / (1 - expected)),
    };
  };
  // Tags are compared by name (a name in two groups is one category): per name, the pairs where each coder, and both,
  // said yes.
  const names = [...new Set(input.tags.map((tag) => tag.name))];
  const nameOf = input.tags.map((tag) => names.indexOf(tag.name));
  /** Each list of tags' names, once. */
  const namesOfList = tagLists.map((tags) => new Set(tags.map((tag) => nameOf[tag]!)));
  const yes = {
    first: new Float64Array(names.length),
    second: new Float64Array(names.length),
    both: new Float64Array(names.length),
  };
  for (let pair = 0; pair < pairs; pair++) {
    const firstNames = namesOfList[spans.tagList[firstSpans[pair]!]!]!;
    const secondNames = namesOfList[spans.tagList[secondSpans[pair]!]!]!;
    for (const name of firstNames) {
      yes.first[name]!++;
      if (secondNames.has(name)) yes.both[name]!++;
    }
    for (const name of secondNames) yes.second[name]!++;
  }
  const tagKappa = (tag: string) => {
    const name = names.indexOf(tag);
    return round(yesNoKappa(pairs, yes.both[name] ?? 0, yes.first[name] ?? 0, yes.second[name] ?? 0).kappa);
  };
  // Each category's disagreement once (a tag counts alone and in its group), on its own segments.
  const disagreement = new Map<string, CategoryDisagreement>();
  const noSegments: CoderSegments[] = Array.from({ length: coders }, () => ({ starts: [], ends: [], count: 0 }));
  const disagreementOf = (category: string) => {
    let figure = disagreement.get(category);
    if (!figure) {
      figure = coderSegmentsDisagreement(segments.get(category) ?? noSegments, category, length);
      disagreement.set(category, figure);
    }
    return figure;
  };
  /** uα over several categories at once: 1 − ΣDₒ / ΣDₑ, as Krippendorff combines categories (unitizedAlpha). */
  const alphaOf = (categories: string[]) => {
    if (length === 0 || coders < 2) return null;
    const figures = categories.map(disagreementOf);
    const expected = figures.reduce((sum, figure) => sum + figure.expected, 0);
    return round(expected === 0 ? null : 1 - figures.reduce((sum, figure) => sum + figure.observed, 0) / expected);
  };
  /** Kappa of what each span says about a group: its tags of the group, by name (NO_TAG for none). */
  const groupKappa = (group: string) => {
    const numbers = new Map<string, number>();
    const labels = tagLists.map((tags) => {
      const value =
        tags
          .map((tag) => input.tags[tag]!)
          .filter((tag) => tag.group === group)
          .map((tag) => tag.name)
          .sort()
          .join(" + ") || NO_TAG;
      if (!numbers.has(value)) numbers.set(value, numbers.size);
      return numbers.get(value)!;
    });
    return kappaOf(spans.tagList, labels, numbers.size);
  };
  /** Link values are numbered already, one per distinct value. */
  const linkLabels = Int32Array.from(linkValues, (_, index) => index);

  return {
    spans: { matched: matched.length, total: unitCount },
    groups: input.groups.map((group) => ({
      group: group.name,
      ...groupKappa(group.name),
      alpha: alphaOf(group.tags),
      tags: group.tags.map((tag) => ({ tag, kappa: tagKappa(tag), alpha: alphaOf([tag]) })),
    })),
    links: {
      ...kappaOf(spans.links, linkLabels, linkValues.length),
      // Each span's links by their number: the same categories as their texts.
      alpha: round(
        krippendorffsAlpha(
          matched.map((unit) => Array.from({ length: coders }, (_, coder) => spans.links[memberOf(unit, coder)]!)),
        ).alpha,
      ),
    },
  };
}
