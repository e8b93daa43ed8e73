import "server-only";
import { contradictionsOf, type FiguredClaim } from "../contradictions";
import { annotationBatches, type ExportAnnotation, type ExportContext } from "./source";
import { claimVerdict, VERDICT_IN_CONFLICT } from "./verdict";

export interface ReportEvent {
  id: string;
  title: string;
  date: string | null;
  claims: { annotationId: string; articleId: string; quote: string; stance: string; attributedTo: string | null }[];
  /** Figures its claims give that disagree between sources, each in one line: "NECN: 65 dead · KUNC: 75 dead". */
  contradictions: string[];
}

export interface ReportSummary {
  /** By date (undated last), then title. */
  events: ReportEvent[];
  /** "group · tag" (frames, rhetoric, verdicts) → article id → how many claims carry it; sorted by key. */
  profile: Map<string, Map<string, number>>;
  claimCounts: Map<string, number>;
}

const counted = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * What a report covers, for its opening line: "2 articles, 1 approved claim, 5 events" ("annotated claims" when the
 * report was asked for other statuses than approved, its default).
 */
export function reportScope(context: ExportContext, summary: ReportSummary): string {
  const claims = [...summary.claimCounts.values()].reduce((sum, count) => sum + count, 0);
  const { status } = context.request;
  const kind = !status || (status !== "all" && status.every((one) => one === "APPROVED")) ? "approved" : "annotated";
  return [
    counted(context.articles.length, "article", "articles"),
    counted(claims, `${kind} claim`, `${kind} claims`),
    counted(summary.events.length, "event", "events"),
  ].join(", ");
}

/**
 * One pass over the selected annotations for what the reports show above the
 * claims: events, framing (a claim's verdicts only when it has one), counts. `onAnnotation` sees each annotation on the
 * way, for a report that keeps them.
 */
export async function summarize(
  context: ExportContext,
  onAnnotation: (annotation: ExportAnnotation) => void = () => {},
): Promise<ReportSummary> {
  const events = new Map<string, ReportEvent>();
  const figured = new Map<string, FiguredClaim[]>();
  const profile = new Map<string, Map<string, number>>();
  const claimCounts = new Map<string, number>();
  for await (const batch of annotationBatches(context)) {
    for (const annotation of batch) {
      onAnnotation(annotation);
      claimCounts.set(annotation.articleId, (claimCounts.get(annotation.articleId) ?? 0) + 1);
      const verdict = claimVerdict(annotation.tags);
      const conflicting = verdict && "conflict" in verdict ? verdict.conflict : [];
      const count = (key: string) => {
        const counts = profile.get(key) ?? new Map<string, number>();
        counts.set(annotation.articleId, (counts.get(annotation.articleId) ?? 0) + 1);
        profile.set(key, counts);
      };
      for (const tag of annotation.tags) {
        if (tag.kind !== "FRAME" && tag.kind !== "RHETORIC" && tag.kind !== "VERDICT") continue;
        // A claim with several verdicts counts once, as in conflict, for none of them.
        if (!conflicting.includes(tag)) count(`${tag.group} · ${tag.name}`);
      }
      if (conflicting.length > 0) count(`${conflicting[0]!.group} · ${VERDICT_IN_CONFLICT}`);
      for (const link of annotation.links) {
        const event = events.get(link.eventId) ?? {
          id: link.eventId,
          title: link.event,
          date: link.eventDate,
          claims: [],
          contradictions: [],
        };
        event.claims.push({
          annotationId: annotation.id,
          articleId: annotation.articleId,
          quote: annotation.exact,
          stance: link.stance.toLowerCase(),
          attributedTo: link.attributedTo,
        });
        events.set(link.eventId, event);
        const claims = figured.get(link.eventId) ?? [];
        claims.push({
          annotationId: annotation.id,
          articleId: annotation.articleId,
          exact: annotation.exact,
          stance: link.stance,
        });
        figured.set(link.eventId, claims);
      }
    }
  }
  const sourceOf = (articleId: string) => {
    const article = context.articleById.get(articleId)!;
    return article.source ?? article.title;
  };
  let parsed = 0;
  for (const [eventId, claims] of figured) {
    events.get(eventId)!.contradictions = contradictionsOf(eventId, claims, sourceOf).map(({ summary }) => summary);
    parsed += claims.length;
    // Parsing every linked claim's figures is CPU work: let other requests in every thousand claims.
    if (parsed >= 1000) {
      parsed = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return {
    events: [...events.values()].sort(
      (a, b) => (a.date ?? "9999").localeCompare(b.date ?? "9999") || a.title.localeCompare(b.title),
    ),
    profile: new Map([...profile.entries()].sort(([a], [b]) => a.localeCompare(b))),
    claimCounts,
  };
}
