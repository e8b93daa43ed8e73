import { describe, expect, it } from "vitest";
import { type AgreementInput, agreementFigures, packSpans, SPAN_BYTES } from "@/lib/review/agreement/report";
import { cohensKappa, krippendorffsAlpha, type Unit } from "@/lib/review/agreement/statistics";
import { type CodedSegment, unitizedAlpha } from "@/lib/review/agreement/unitized";
import { matchSpans } from "@/lib/review/agreement/units";

const CODEBOOK = [
  { name: "claim type", tags: ["factual claim", "statistic", "opinion"] },
  // A name in two groups is one category, as everywhere in the report.
  { name: "frame", tags: ["conflict", "statistic", "human interest"] },
];

/**
 * The report as it was computed on the request thread, span by span and unit by unit: the figures the worker's counting
 * must keep.
 */
function figuresByDefinition(input: AgreementInput) {
  const round = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 1000);
  const spans = input.articles.flatMap((article) => {
    const tags = article.tags.split(",");
    const links = article.links.split(",");
    const packed = new DataView(article.spans.buffer, article.spans.byteOffset, article.spans.byteLength);
    return Array.from({ length: article.spans.byteLength / SPAN_BYTES }, (_, index) => ({
      articleId: article.articleId,
      coder: packed.getInt16(index * SPAN_BYTES),
      start: packed.getInt32(index * SPAN_BYTES + 2),
      end: packed.getInt32(index * SPAN_BYTES + 6),
      tags: tags[index] ? tags[index]!.split(" ").map((number) => input.tags[Number(number)]!) : [],
      links: links[index] ? links[index]!.split(" ") : [],
    }));
  });
  type Span = (typeof spans)[number];
  const units = matchSpans(spans, input.coders);
  const matched = units.filter((unit) => unit.every((member) => member !== null));
  const offsets = new Map<string, number>();
  let length = 0;
  for (const article of [...input.articles].sort((a, b) => (a.articleId < b.articleId ? -1 : 1))) {
    offsets.set(article.articleId, length);
    length += article.textLength;
  }
  const segments: CodedSegment[] = spans.flatMap((span) =>
    span.tags.map((tag) => ({
      coder: span.coder,
      start: offsets.get(span.articleId)! + span.start,
      end: offsets.get(span.articleId)! + span.end,
      category: tag.name,
    })),
  );
  const kappaOf = (labelOf: (span: Span) => string) => {
    const kappa = cohensKappa(
      units.map((unit): Unit => [unit[0] ? labelOf(unit[0]) : null, unit[1] ? labelOf(unit[1]) : null]),
    );
    return { units: kappa.units, observed: round(kappa.observed), kappa: round(kappa.kappa) };
  };
  const alphaOf = (tags: string[]) => round(unitizedAlpha(segments, tags, input.coders, length).alpha);
  const linkValue = (span: Span) => span.links.join(" ") || "(not linked)";
  return {
    spans: { matched: matched.length, total: units.length },
    groups: input.groups.map((group) => ({
      group: group.name,
      ...kappaOf(
        (span) =>
          span.tags
            .filter((tag) => tag.group === group.name)
            .map((tag) => tag.name)
            .sort()
            .join(" + ") || "(no tag)",
      ),
      alpha: alphaOf(group.tags),
      tags: group.tags.map((tag) => ({
        tag,
        kappa: kappaOf((span) => (span.tags.some((candidate) => candidate.name === tag) ? "yes" : "no")).kappa,
        alpha: alphaOf([tag]),
      })),
    })),
    links: {
      ...kappaOf(linkValue),
      alpha: round(krippendorffsAlpha(matched.map((unit) => unit.map((span) => linkValue(span!)))).alpha),
    },
  };
}

/**
 * A pseudo-random project: coders marking the same passages with shifted boundaries, differing tags and links, and
 * passages only some marked.
 */
function seededInput(
  seed: number,
  { articles, passages, coders }: { articles: number; passages: number; coders: number },
): AgreementInput {
  let state = seed;
  /** mulberry32: a whole number below `below`. */
  const next = (below: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * below);
  };
  const tags = CODEBOOK.flatMap((group) => group.tags.map((name) => ({ name, group: group.name })));
  const events = [
    "0190b1d2-0000-7000-8000-00000000e001",
    "0190b1d2-0000-7000-8000-00000000e002",
    "0190b1d2-0000-7000-8000-00000000e003",
  ];
  return {
    coders,
    groups: CODEBOOK,
    tags,
    articles: Array.from({ length: articles }, (_, article) => {
      const spans: { coder: number; start: number; end: number; tags: string; links: string }[] = [];
      const drawTags = () => [...new Set(Array.from({ length: next(3) }, () => next(tags.length)))];
      for (let passage = 0; passage < passages; passage++) {
        const agreed = drawTags();
        for (let coder = 0; coder < coders; coder++) {
          if (next(6) === 0) continue;
          const start = passage * 50 + next(8);
          const chosen = next(4) === 0 ? drawTags() : agreed;
          const linked = next(3) === 0 ? [`${events[next(3)]}:${["ASSERTS", "DISPUTES"][next(2)]}`] : [];
          spans.push({ coder, start, end: start + 10 + next(30), tags: chosen.join(" "), links: linked.join(" ") });
        }
      }
      spans.sort((a, b) => a.start - b.start || a.end - b.end);
      return {
        articleId: `0190b1d2-0000-7000-8000-${String(articles - article).padStart(12, "0")}`,
        textLength: passages * 50 + 40,
        spans: packSpans(spans),
        tags: spans.map((span) => span.tags).join(","),
        links: spans.map((span) => span.links).join(","),
      };
    }),
  };
}

describe("agreement figures", () => {
  for (const [seed, coders] of [
    [1, 2],
    [29, 2],
    [2026, 3],
  ] as const) {
    it(
      `are those of the span-by-span definition on a seeded project (seed ${seed}, ${coders} coders, 6,000 ` +
        `passages)`,
      () => {
        const input = seededInput(seed, { articles: 12, passages: 500, coders });
        const figures = agreementFigures(input);
        expect(figures).toEqual(figuresByDefinition(input));
        expect(figures.groups[0]!.kappa).toBeGreaterThan(0);
        expect(figures.groups[0]!.kappa).toBeLessThan(1);
      },
    );
  }

  it("are empty figures, not errors, when the coders marked nothing", () => {
    const input: AgreementInput = { coders: 2, groups: CODEBOOK, tags: [], articles: [] };
    expect(agreementFigures(input)).toEqual(figuresByDefinition(input));
  });
});
