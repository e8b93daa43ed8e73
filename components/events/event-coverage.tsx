import Link from "@/components/ui/link";
import { OmissionActions } from "@/components/compare/omission-actions";
import { stanceClass } from "@/components/compare/source-colors";
import type { EventDetail, EventLinkView } from "@/lib/events";

const NO_OUTLET = "No outlet";

/** The claims linked to an event, outlet by outlet, and the outlets of the project that leave it out. */
export function EventCoverage({ event, canAct }: { event: EventDetail; canAct: boolean }) {
  const byOutlet = new Map<string, EventLinkView[]>();
  for (const link of event.links) {
    const outlet = link.claim.source ?? NO_OUTLET;
    byOutlet.set(outlet, [...(byOutlet.get(outlet) ?? []), link]);
  }
  const outlets = [...byOutlet.entries()].sort(
    ([a], [b]) => Number(a === NO_OUTLET) - Number(b === NO_OUTLET) || a.localeCompare(b),
  );

  return (
    <div className="space-y-6">
      {outlets.length === 0 ? (
        <p className="text-stone-600">
          No claim is linked to this event yet. Link claims to it from the article pages.
        </p>
      ) : (
        outlets.map(([outlet, links]) => (
          <section
            key={outlet}
            aria-label={outlet}
            data-testid="event-outlet"
            className="rounded-lg border border-stone-200 bg-white shadow-xs"
          >
            <h2 className="border-b border-stone-100 px-4 py-2 font-semibold text-stone-900">
              {outlet}{" "}
              <span className="text-sm font-normal text-stone-500">
                · {links.length} claim{links.length === 1 ? "" : "s"}
              </span>
            </h2>
            <ul className="divide-y divide-stone-100">
              {links.map((link) => (
                <li key={link.id} className="space-y-1 px-4 py-3" data-testid="event-claim">
                  <div className="flex flex-wrap items-center gap-2 text-xs">
                    <span className={`rounded px-1.5 py-0.5 font-medium ${stanceClass(link.stance)}`}>
                      {link.stance.toLowerCase()}
                    </span>
                    {link.attributedTo && <span className="text-stone-600">according to {link.attributedTo}</span>}
                  </div>
                  <Link
                    href={`/articles/${link.claim.articleId}#annotation-${link.annotationId}`}
                    dir="auto"
                    className="block font-serif text-stone-900 hover:underline"
                  >
                    “{link.claim.exact}”
                  </Link>
                  {link.note && (
                    <p dir="auto" className="whitespace-pre-wrap text-sm text-stone-700">
                      {link.note}
                    </p>
                  )}
                  <p className="text-xs text-stone-500">
                    in{" "}
                    <Link
                      href={`/articles/${link.claim.articleId}`}
                      className="text-indigo-700 underline decoration-indigo-300 underline-offset-2
                        hover:decoration-indigo-700"
                    >
                      {link.claim.articleTitle}
                    </Link>{" "}
                    · linked by {link.createdBy.name}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      {event.notReportedBy.length > 0 && (
        <section
          aria-label="Not reported by"
          data-testid="event-omissions"
          className="rounded-lg border border-dashed border-red-300 bg-red-50/60 px-4 py-3 text-sm text-red-900"
        >
          <h2 className="font-semibold">Not reported by</h2>
          <p className="mt-1">{event.notReportedBy.map((outlet) => outlet.name).join(", ")}</p>
          <p className="mt-1 text-xs text-red-800">
            These outlets have articles in the project, but none of their claims is linked to this event.
          </p>
          {event.possibleCoverage.length > 0 && (
            <ul className="mt-2 space-y-1 text-stone-800" aria-label="May report this">
              {event.possibleCoverage.map((passage) => (
                <li key={passage.articleId} data-testid="possible-coverage">
                  {passage.source ?? NO_OUTLET} may report this:{" "}
                  <Link href={`/articles/${passage.articleId}`} dir="auto" className="font-serif hover:underline">
                    “{passage.exact}”
                  </Link>{" "}
                  <span className="text-xs text-stone-600">
                    ({Math.round(passage.score * 100)}% of a claim’s words)
                  </span>
                  {canAct && (
                    <OmissionActions
                      eventId={event.id}
                      articleId={passage.articleId}
                      coverage={passage}
                      confirmed={undefined}
                      canAct
                      passageShown
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
