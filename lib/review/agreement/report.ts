/**
 * The arithmetic of an agreement report, a pure function of plain data: it
 * runs on a worker thread (lib/workers/tasks.ts), since its cost grows with
 * the project (a million annotations), while the request thread serves others.
 */
import { krippendorffsAlpha, pairsKappa } from "./statistics";
import { type CategoryDisagreement, type CoderSegments, coderSegmentsDisagreement } from "./unitized";
import { type CoderSpan, matchSpans } from "./units";

/** What a coder's span says about one codebook group when it carries none of its tags. */
const NO_TAG = "(no tag)";
/** What a span's links say when it has none. */
const NOT_LINKED = "(not linked)";

/**
 * One article's spans by the chosen coders, in text order, as parallel lists
 * (compact to hand to a worker): `tags` and `links` hold one entry per span,
 * separated by ",", each entry the span's tag numbers (indexes into
 * `AgreementInput.tags`) or its links ("eventId:STANCE", sorted) separated by
 * spaces; an empty entry for none.
 */
export interface ArticleSpans {
  articleId: string;
  textLength: number;
  coders: number[];
  starts: number[];
  ends: number[];
  tags: string;
  links: string;
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

interface CodedSpan extends CoderSpan {
  /** Its tags, as indexes into `AgreementInput.tags`. */
  tags: number[];
  links: string;
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);

/** Each coder's segments of one category, positions on the continuum of the articles' texts. */
type CategorySegments = { starts: number[]; ends: number[]; count: number }[];

/**
 * The spans of every article, and every span's tags as segments by category
 * (tag name) and coder on the continuum of the articles' texts one after the
 * other. Spans with the same tags share one list of them: a million spans
 * carry a few dozen distinct lists.
 */
function unpack(input: AgreementInput): {
  spans: CodedSpan[];
  segments: Map<string, CategorySegments>;
  length: number;
} {
  const spans: CodedSpan[] = [];
  const segmentsOf = () =>
    Array.from({ length: input.coders }, () => ({ starts: [] as number[], ends: [] as number[], count: 0 }));
  const segments = new Map<string, CategorySegments>(input.tags.map((tag) => [tag.name, segmentsOf()]));
  const tagLists = new Map<string, number[]>();
  const tagList = (entry: string) => {
    let list = tagLists.get(entry);
    if (!list) {
      list = entry ? entry.split(" ").map(Number) : [];
      tagLists.set(entry, list);
    }
    return list;
  };
  /** Each tag's segments, by tag number (tags of one name share them). */
  const tagSegments = input.tags.map((tag) => segments.get(tag.name)!);
  let offset = 0;
  for (const article of input.articles) {
    const tags = article.tags.split(",");
    const links = article.links.split(",");
    for (let index = 0; index < article.coders.length; index++) {
      const span: CodedSpan = {
        articleId: article.articleId,
        coder: article.coders[index]!,
        start: article.starts[index]!,
        end: article.ends[index]!,
        tags: tagList(tags[index] ?? ""),
        links: links[index] ?? "",
      };
      spans.push(span);
      for (const tag of span.tags) {
        const own = tagSegments[tag]![span.coder];
        if (!own) continue;
        own.starts.push(offset + span.start);
        own.ends.push(offset + span.end);
        own.count++;
      }
    }
    offset += article.textLength;
  }
  return { spans, segments, length: offset };
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
  const { spans, segments, length } = unpack(input);
  const units = matchSpans(spans, input.coders);
  const matched = units.filter((unit) => unit.every((member) => member !== null));
  /** The units kappa compares: marked by both of the first two coders. */
  const pairs = units.filter((unit) => unit[0] && unit[1]).map((unit) => [unit[0]!, unit[1]!] as const);

  const kappaOf = (labelOf: (span: CodedSpan) => string) => {
    const kappa = pairsKappa(
      pairs,
      ([first]) => labelOf(first),
      ([, second]) => labelOf(second),
    );
    return { units: kappa.units, observed: round(kappa.observed), kappa: round(kappa.kappa) };
  };
  // Tags are compared by name (a name in two groups is one category): per name, the pairs where each coder, and both,
  // said yes.
  const names = [...new Set(input.tags.map((tag) => tag.name))];
  const nameOf = input.tags.map((tag) => names.indexOf(tag.name));
  const yes = {
    first: new Float64Array(names.length),
    second: new Float64Array(names.length),
    both: new Float64Array(names.length),
  };
  // Spans share their lists of tags (unpack): each list's names are found once.
  const namesOfList = new Map<number[], Set<number>>();
  const namesOf = (tags: number[]) => {
    let names = namesOfList.get(tags);
    if (!names) {
      names = new Set(tags.map((tag) => nameOf[tag]!));
      namesOfList.set(tags, names);
    }
    return names;
  };
  for (const [first, second] of pairs) {
    const firstNames = namesOf(first.tags);
    const secondNames = namesOf(second.tags);
    for (const name of firstNames) {
      yes.first[name]!++;
      if (secondNames.has(name)) yes.both[name]!++;
    }
    for (const name of secondNames) yes.second[name]!++;
  }
  const tagKappa = (tag: string) => {
    const name = names.indexOf(tag);
    return round(yesNoKappa(pairs.length, yes.both[name] ?? 0, yes.first[name] ?? 0, yes.second[name] ?? 0).kappa);
  };
  // Each category's disagreement once (a tag counts alone and in its group), on its own segments.
  const disagreement = new Map<string, CategoryDisagreement>();
  const noSegments: CoderSegments[] = Array.from({ length: input.coders }, () => ({ starts: [], ends: [], count: 0 }));
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
    if (length === 0 || input.coders < 2) return null;
    const figures = categories.map(disagreementOf);
    const expected = figures.reduce((sum, figure) => sum + figure.expected, 0);
    return round(expected === 0 ? null : 1 - figures.reduce((sum, figure) => sum + figure.observed, 0) / expected);
  };
  const linkValue = (span: CodedSpan) => span.links || NOT_LINKED;
  /**
   * What a span says about a group: its tags of the group, by name. Spans share their lists of tags (unpack), so each
   * list is named once.
   */
  const groupValue = (group: string) => {
    const named = new Map<number[], string>();
    return (span: CodedSpan) => {
      let value = named.get(span.tags);
      if (value === undefined) {
        value =
          span.tags
            .map((tag) => input.tags[tag]!)
            .filter((tag) => tag.group === group)
            .map((tag) => tag.name)
            .sort()
            .join(" + ") || NO_TAG;
        named.set(span.tags, value);
      }
      return value;
    };
  };

  return {
    spans: { matched: matched.length, total: units.length },
    groups: input.groups.map((group) => ({
      group: group.name,
      ...kappaOf(groupValue(group.name)),
      alpha: alphaOf(group.tags),
      tags: group.tags.map((tag) => ({ tag, kappa: tagKappa(tag), alpha: alphaOf([tag]) })),
    })),
    links: {
      ...kappaOf(linkValue),
      alpha: round(krippendorffsAlpha(matched.map((unit) => unit.map((span) => linkValue(span!)))).alpha),
    },
  };
}
