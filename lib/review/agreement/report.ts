/**
 * The arithmetic of an agreement report, a pure function of plain data: it
 * runs on a worker thread (lib/workers/tasks.ts), since its cost grows with
 * the project (a million annotations), while the request thread serves others.
 */
import { krippendorffsAlpha, pairsKappa } from "./statistics";
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
type CategorySegments = { starts: number[]; ends: number[]; count: number }[];

/**
 * Every span as parallel lists (no object per span: a million spans would keep the collector busy for a third of the
 * time), and every span's tags as segments by category (tag name) and coder on the continuum of the articles' texts
 * one after the other. Spans with the same tags share one list of them, and spans with the same links one value: a
 * million spans carry a few dozen distinct lists.
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
  const linkValues: string[] = [];
  const numbered = (values: Map<string, number>, value: string, add: () => void) => {
    let number = values.get(value);
    if (number === undefined) {
      number = values.size;
      values.set(value, number);
      add();
    }
    return number;
  };
  const tagListNumbers = new Map<string, number>();
  const linkNumbers = new Map<string, number>();
  const segmentsOf = () =>
    Array.from({ length: input.coders }, () => ({ starts: [] as number[], ends: [] as number[], count: 0 }));
  const segments = new Map<string, CategorySegments>(input.tags.map((tag) => [tag.name, segmentsOf()]));
  /** Each tag's segments, by tag number (tags of one name share them). */
  const tagSegments = input.tags.map((tag) => segments.get(tag.name)!);
  let offset = 0;
  let span = 0;
  input.articles.forEach((article, articleNumber) => {
    const tags = article.tags.split(",");
    const links = article.links.split(",");
    const packed = new DataView(article.spans.buffer, article.spans.byteOffset, article.spans.byteLength);
    const first = span;
    let inTextOrder = true;
    for (let index = 0; index < spanCount(article); index++, span++) {
      spans.article[span] = articleNumber;
      spans.coder[span] = packed.getInt16(index * SPAN_BYTES);
      spans.start[span] = packed.getInt32(index * SPAN_BYTES + 2);
      spans.end[span] = packed.getInt32(index * SPAN_BYTES + 6);
      spans.order[span] = span;
      if (
        index > 0 &&
        (spans.start[span]! < spans.start[span - 1]! ||
          (spans.start[span] === spans.start[span - 1] && spans.end[span]! < spans.end[span - 1]!))
      )
        inTextOrder = false;
      const tagEntry = tags[index] ?? "";
      const tagList = numbered(tagListNumbers, tagEntry, () =>
        tagLists.push(tagEntry ? tagEntry.split(" ").map(Number) : []),
      );
      spans.tagList[span] = tagList;
      const linkValue = links[index] || NOT_LINKED;
      spans.links[span] = numbered(linkNumbers, linkValue, () => linkValues.push(linkValue));
      for (const tag of tagLists[tagList]!) {
        const own = tagSegments[tag]![spans.coder[span]!];
        if (!own) continue;
        own.starts.push(offset + spans.start[span]!);
        own.ends.push(offset + spans.end[span]!);
        own.count++;
      }
    }
    // Spans come in text order from the database; others are put in it (stable, as matchSpans does).
    if (!inTextOrder)
      spans.order
        .subarray(first, span)
        .sort((a, b) => spans.start[a]! - spans.start[b]! || spans.end[a]! - spans.end[b]! || a - b);
    offset += article.textLength;
  });
  // Units are matched article by article, in the articles' id order.
  const articleOrder = input.articles
    .map((article, number) => ({ id: article.articleId, number }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const firstSpan = new Int32Array(input.articles.length + 1);
  for (const [number, article] of input.articles.entries())
    firstSpan[number + 1] = firstSpan[number]! + spanCount(article);
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

  const kappaOf = (labelOf: (span: number) => string) => {
    const kappa = pairsKappa(
      Array.from({ length: pairs }, (_, pair) => pair),
      (pair) => labelOf(firstSpans[pair]!),
      (pair) => labelOf(secondSpans[pair]!),
    );
    return { units: kappa.units, observed: round(kappa.observed), kappa: round(kappa.kappa) };
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
  const linkValue = (span: number) => linkValues[spans.links[span]!]!;
  /** What a span says about a group: its tags of the group, by name; each list of tags named once. */
  const groupValue = (group: string) => {
    const values = tagLists.map(
      (tags) =>
        tags
          .map((tag) => input.tags[tag]!)
          .filter((tag) => tag.group === group)
          .map((tag) => tag.name)
          .sort()
          .join(" + ") || NO_TAG,
    );
    return (span: number) => values[spans.tagList[span]!]!;
  };

  return {
    spans: { matched: matched.length, total: unitCount },
    groups: input.groups.map((group) => ({
      group: group.name,
      ...kappaOf(groupValue(group.name)),
      alpha: alphaOf(group.tags),
      tags: group.tags.map((tag) => ({ tag, kappa: tagKappa(tag), alpha: alphaOf([tag]) })),
    })),
    links: {
      ...kappaOf(linkValue),
      alpha: round(
        krippendorffsAlpha(
          matched.map((unit) => Array.from({ length: coders }, (_, coder) => linkValue(memberOf(unit, coder)))),
        ).alpha,
      ),
    },
  };
}
