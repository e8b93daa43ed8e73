import { type Figure, figuresAgree, figuresIn } from "@/lib/figures";

/** A claim about an event, as the comparison and the event page hold it. */
export interface FiguredClaim {
  articleId: string;
  annotationId: string;
  exact: string;
  /** How the claim's link frames the event: "ASSERTS", "DISPUTES", … */
  stance: string | null;
}

/** One claim's figure in a contradiction: which article says what. */
export interface StatedFigure extends Pick<Figure, "text" | "value" | "approximate"> {
  articleId: string;
  annotationId: string;
}

/** Figures of one measure that articles reporting the same event give and that cannot all be true. */
export interface Contradiction {
  eventId: string;
  /** What is counted: "dead", "injured", "district". */
  measure: string;
  /** Every figure of that measure the event's claims give, in the order of the claims. */
  figures: StatedFigure[];
  /** In one line, each figure with who gives it: "NECN: 65 dead · Jerusalem Post, KUNC: 75 dead". */
  summary: string;
}

/**
 * The contradictions among one event's claims: for each measure, the figures
 * of different articles whose ranges do not overlap ("65 dead" against "75
 * dead"; "about 60" and "65" agree). Figures of one article never contradict
 * each other: an outlet updating its count is not a conflict between outlets.
 * A claim an article reports only to dispute it is not that article's figure.
 */
export function contradictionsOf(
  eventId: string,
  claims: FiguredClaim[],
  sourceOf: (articleId: string) => string,
): Contradiction[] {
  const byMeasure = new Map<string, { claim: FiguredClaim; figure: Figure }[]>();
  for (const claim of claims) {
    if (claim.stance === "DISPUTES") continue;
    for (const figure of figuresIn(claim.exact)) {
      const stated = byMeasure.get(figure.measure) ?? [];
      stated.push({ claim, figure });
      byMeasure.set(figure.measure, stated);
    }
  }
  const contradictions: Contradiction[] = [];
  for (const [measure, stated] of byMeasure) {
    const disagree = stated.some((one, index) =>
      stated
        .slice(index + 1)
        .some((other) => other.claim.articleId !== one.claim.articleId && !figuresAgree(one.figure, other.figure)),
    );
    if (!disagree) continue;
    const figures = stated.map(({ claim, figure }) => ({
      articleId: claim.articleId,
      annotationId: claim.annotationId,
      text: figure.text,
      value: figure.value,
      approximate: figure.approximate,
    }));
    contradictions.push({ eventId, measure, figures, summary: summarise(measure, figures, sourceOf) });
  }
  return contradictions;
}

function summarise(measure: string, figures: StatedFigure[], sourceOf: (articleId: string) => string): string {
  const sourcesByFigure = new Map<string, string[]>();
  for (const figure of figures) {
    const sources = sourcesByFigure.get(figure.text) ?? [];
    const source = sourceOf(figure.articleId);
    if (!sources.includes(source)) sources.push(source);
    sourcesByFigure.set(figure.text, sources);
  }
  return [...sourcesByFigure].map(([text, sources]) => `${sources.join(", ")}: ${text} ${measure}`).join(" · ");
}
