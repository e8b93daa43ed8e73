import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CoderSpan, matchSpans } from "@/lib/review/agreement/units";

/**
 * The definition matchSpans must keep, written as plainly as possible: each
 * span, in text order, joins the first unit made so far (in its article) that
 * it overlaps and where its coder has no span yet.
 */
function matchSpansByDefinition<Span extends CoderSpan>(spans: Span[], coders: number): (Span | null)[][] {
  const units: { articleId: string; start: number; end: number; members: (Span | null)[] }[] = [];
  const ordered = [...spans].sort(
    (a, b) => a.articleId.localeCompare(b.articleId) || a.start - b.start || a.end - b.end,
  );
  for (const span of ordered) {
    const unit = units.find(
      (candidate) =>
        candidate.articleId === span.articleId &&
        candidate.members[span.coder] === null &&
        span.start < candidate.end &&
        candidate.start < span.end,
    );
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

interface NumberedSpan extends CoderSpan {
  id: number;
}

const ARTICLES = [
  "0190b1d2-0000-7000-8000-000000000001",
  "0190b1d2-0000-7000-8000-00000000000a",
  "0190b1d2-0000-7000-8000-0000000000ff",
];

/** Spans numbered so that units compare by which spans they hold. */
const numbered = (spans: Omit<NumberedSpan, "id">[]): NumberedSpan[] => spans.map((span, id) => ({ ...span, id }));
const ids = (units: (NumberedSpan | null)[][]) => units.map((unit) => unit.map((span) => span?.id ?? null));

/**
 * A pseudo-random project in the bench's shape: per article, each coder's spans run through the text with overlaps,
 * nesting and repeats.
 */
function seededProject(
  seed: number,
  { articles, perArticle, coders }: { articles: number; perArticle: number; coders: number },
): NumberedSpan[] {
  let state = seed;
  const next = (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
  const spans: Omit<NumberedSpan, "id">[] = [];
  for (let article = 0; article < articles; article++) {
    for (let index = 0; index < perArticle; index++) {
      const start = index * 40 + next(60);
      spans.push({
        articleId: `0190b1d2-0000-7000-8000-${String(article).padStart(12, "0")}`,
        coder: next(coders),
        start,
        end: start + 1 + next(next(10) === 0 ? 400 : 60),
      });
    }
  }
  return numbered(spans);
}

describe("matchSpans", () => {
  it("matches as its definition does, for any spans of up to four coders in three articles", () => {
    const span = fc.record({
      articleId: fc.constantFrom(...ARTICLES),
      coder: fc.integer({ min: 0, max: 3 }),
      start: fc.integer({ min: 0, max: 60 }),
      length: fc.integer({ min: 0, max: 25 }),
    });
    fc.assert(
      fc.property(fc.array(span, { maxLength: 60 }), fc.integer({ min: 2, max: 4 }), (drawn, coders) => {
        const spans = numbered(
          drawn.map(({ length, ...rest }) => ({ ...rest, coder: rest.coder % coders, end: rest.start + length })),
        );
        expect(ids(matchSpans(spans, coders))).toEqual(ids(matchSpansByDefinition(spans, coders)));
      }),
      { numRuns: 500 },
    );
  });

  for (const seed of [1, 29, 2026]) {
    it(`matches 12,000 spans of a seeded project (seed ${seed}) as its definition does`, () => {
      const spans = seededProject(seed, { articles: 12, perArticle: 1_000, coders: seed === 29 ? 2 : 4 });
      const units = matchSpans(spans, seed === 29 ? 2 : 4);
      expect(ids(units)).toEqual(ids(matchSpansByDefinition(spans, seed === 29 ? 2 : 4)));
      expect(units.length).toBeLessThan(spans.length); // overlaps were matched, not only listed
    });
  }

  it("gives every span exactly one place, whatever order the spans come in", () => {
    const spans = seededProject(7, { articles: 3, perArticle: 500, coders: 3 });
    const placed = matchSpans([...spans].reverse(), 3)
      .flat()
      .filter((span) => span !== null)
      .map((span) => span.id)
      .sort((a, b) => a - b);
    expect(placed).toEqual(spans.map((span) => span.id));
  });
});
