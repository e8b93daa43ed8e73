import Link from "@/components/ui/link";
import { formatDateRange } from "@/components/ui/format";
import type { ComparedArticle, ComparedClaim, ComparedEvent, Comparison } from "@/lib/compare";
import type { Contradiction } from "@/lib/contradictions";
import { FiguresDisagree } from "./figures-disagree";
import { OmissionActions } from "./omission-actions";
import { TagChips } from "@/components/ui/tag-chips";
import { sourceColor, stanceClass } from "./source-colors";

/** One source's claim about an event: the quote (to the article), its stance and attribution, its tags. */
export function ClaimCard({ claim, articleId }: { claim: ComparedClaim; articleId: string }) {
  return (
    <div className="space-y-1" data-testid="compared-claim">
      <Link
        href={`/articles/${articleId}#annotation-${claim.annotationId}`}
        className="block font-serif text-stone-900 wrap-anywhere hover:underline"
        dir="auto"
      >
        “{claim.exact}”
      </Link>
      <div className="flex flex-wrap items-center gap-1 text-xs">
        {claim.stance && (
          <span className={`rounded px-1.5 py-0.5 font-medium ${stanceClass(claim.stance)}`}>
            {claim.stance.toLowerCase()}
          </span>
        )}
        {claim.attributedTo && <span className="text-stone-600 wrap-anywhere">according to {claim.attributedTo}</span>}
      </div>
      {claim.tags.length > 0 && <TagChips tags={claim.tags} />}
    </div>
  );
}

/**
 * A source's claims about an event, or its omission said in words, with the passage that may report the event or the
 * omission's confirmation (OmissionActions).
 */
export function ClaimsOrOmission({
  comparison,
  event,
  article,
  canAct,
}: {
  comparison: Comparison;
  event: ComparedEvent;
  article: ComparedArticle;
  /** Whether the reader may link a passage or confirm an omission (reviewers, editors). */
  canAct: boolean;
}) {
  const claims = event.claims[article.id] ?? [];
  if (claims.length === 0) {
    const inCell = (cell: { eventId: string; articleId: string }) =>
      cell.eventId === event.id && cell.articleId === article.id;
    return (
      <div>
        <div
          data-testid="omission"
          className="rounded-md border border-dashed border-red-300 bg-red-50/60 px-3 py-2 text-sm text-red-800"
        >
          <strong className="font-semibold">Omitted</strong> — {article.source ?? "this source"} does not report this
          event.
        </div>
        <OmissionActions
          eventId={event.id}
          articleId={article.id}
          coverage={comparison.possibleCoverage.find(inCell)}
          confirmed={comparison.confirmedOmissions.find(inCell)}
          canAct={canAct}
        />
      </div>
    );
  }
  return (
    <div className="space-y-3">
      {claims.map((claim) => (
        <ClaimCard key={claim.linkId ?? claim.annotationId} claim={claim} articleId={article.id} />
      ))}
    </div>
  );
}

/** The source's colour swatch and name, as its column or section is headed. */
export function SourceName({ article, index }: { article: ComparedArticle; index: number }) {
  return (
    <span className="flex items-center gap-2">
      <span aria-hidden className="size-3 shrink-0 rounded-sm" style={{ backgroundColor: sourceColor(index) }} />
      <span className="font-semibold text-stone-900 wrap-anywhere">{article.source ?? "No outlet"}</span>
    </span>
  );
}

/**
 * What heads a compared source: its name, the project's notes on the outlet,
 * the article, and how many claims it makes and events it leaves out.
 * `clamped` cuts the notes and title to two lines (with the notes in a
 * tooltip), for the table's narrow columns.
 */
export function SourceSummary({
  article,
  index,
  notes,
  eventCount,
  clamped,
}: {
  article: ComparedArticle;
  index: number;
  notes: string | undefined;
  eventCount: number;
  clamped: boolean;
}) {
  const clamp = clamped ? "line-clamp-2" : "block wrap-anywhere";
  return (
    <>
      <SourceName article={article} index={index} />
      {notes && (
        <p
          className={`mt-0.5 text-xs italic text-stone-600 ${clamp}`}
          title={clamped ? notes : undefined}
          data-testid="outlet-notes"
        >
          {notes}
        </p>
      )}
      <Link href={`/articles/${article.id}`} className={`mt-0.5 text-xs text-indigo-700 hover:underline ${clamp}`}>
        {article.title}
      </Link>
      <p className="mt-1 text-xs text-stone-600" data-testid="omission-count">
        {article.claimCount} claims · leaves out <strong className="text-red-700">{article.omissions}</strong> of{" "}
        {eventCount} events
      </p>
    </>
  );
}

/** An event as the comparison heads it: its title (to its page), dates and place. */
export function EventTitle({ event, contradictions }: { event: ComparedEvent; contradictions: Contradiction[] }) {
  const conflicts = contradictions.filter((contradiction) => contradiction.eventId === event.id);
  return (
    <>
      <Link href={`/events/${event.id}`} className="block font-medium text-stone-900 wrap-anywhere hover:underline">
        {event.title}
      </Link>
      <span className="block text-xs text-stone-500">
        {[formatDateRange(event.date, event.dateEnd), event.place].filter(Boolean).join(" · ")}
      </span>
      {conflicts.length > 0 && <FiguresDisagree contradictions={conflicts} />}
    </>
  );
}

export const NO_EVENTS =
  "No claim of these articles is linked to an event yet. Link claims to events from the article pages.";
