import Link from "next/link";
import { formatDateRange } from "@/components/ui/format";
import type { ComparedClaim, Comparison } from "@/lib/compare";
import { safeColor } from "@/components/ui/tag-color";
import { sourceColor, stanceClass } from "./source-colors";

function ClaimCard({ claim, articleId }: { claim: ComparedClaim; articleId: string }) {
  return (
    <div className="space-y-1" data-testid="compared-claim">
      <Link
        href={`/articles/${articleId}#annotation-${claim.annotationId}`}
        className="block font-serif text-stone-900 hover:underline"
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
        {claim.attributedTo && <span className="text-stone-600">according to {claim.attributedTo}</span>}
      </div>
      {claim.tags.length > 0 && (
        <ul className="flex flex-wrap gap-1" aria-label="Tags">
          {claim.tags.map((tag) => (
            <li
              key={tag.name}
              className={`inline-flex items-center gap-1 rounded-full border border-stone-200 px-1.5 text-[0.7rem]
                text-stone-700`}
            >
              <span aria-hidden className="size-1.5 rounded-full" style={{ backgroundColor: safeColor(tag.color) }} />
              {tag.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Events as rows, sources as columns; an empty cell is that source's omission,
 * marked and counted. `outletNotes` (by outlet name): what the project notes
 * about each outlet (ownership, lean), under its name.
 */
export function ComparisonTable({
  comparison,
  outletNotes = {},
}: {
  comparison: Comparison;
  outletNotes?: Record<string, string>;
}) {
  const { articles, events, unlinked } = comparison;
  return (
    <div className="space-y-8">
      <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-xs">
        <table className="w-full table-fixed text-left text-sm" data-testid="comparison-table">
          <thead className="border-b border-stone-200 bg-stone-50 align-top">
            <tr>
              <th scope="col" className="w-56 px-4 py-3 text-xs font-medium uppercase tracking-wide text-stone-500">
                Event
              </th>
              {articles.map((article, index) => (
                <th key={article.id} scope="col" className="px-4 py-3 font-normal" data-testid="compared-source">
                  <div className="flex items-center gap-2">
                    <span
                      aria-hidden
                      className="size-3 shrink-0 rounded-sm"
                      style={{ backgroundColor: sourceColor(index) }}
                    />
                    <span className="font-semibold text-stone-900">{article.source ?? "No outlet"}</span>
                  </div>
                  {article.source && outletNotes[article.source] && (
                    <p
                      className="mt-0.5 line-clamp-2 text-xs italic text-stone-600"
                      title={outletNotes[article.source]}
                      data-testid="outlet-notes"
                    >
                      {outletNotes[article.source]}
                    </p>
                  )}
                  <Link
                    href={`/articles/${article.id}`}
                    className="mt-0.5 line-clamp-2 text-xs text-indigo-700 hover:underline"
                  >
                    {article.title}
                  </Link>
                  <p className="mt-1 text-xs text-stone-600" data-testid="omission-count">
                    {article.claimCount} claims · leaves out{" "}
                    <strong className="text-red-700">{article.omissions}</strong> of {events.length} events
                  </p>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100 align-top">
            {events.length === 0 && (
              <tr>
                <td colSpan={articles.length + 1} className="px-4 py-6 text-center text-stone-500">
                  No claim of these articles is linked to an event yet. Link claims to events from the article pages.
                </td>
              </tr>
            )}
            {events.map((event) => (
              <tr key={event.id} data-testid="compared-event">
                <th scope="row" className="px-4 py-3 font-normal">
                  <Link href={`/events/${event.id}`} className="block font-medium text-stone-900 hover:underline">
                    {event.title}
                  </Link>
                  <span className="block text-xs text-stone-500">
                    {[formatDateRange(event.date, event.dateEnd), event.place].filter(Boolean).join(" · ")}
                  </span>
                </th>
                {articles.map((article) => {
                  const claims = event.claims[article.id] ?? [];
                  return claims.length === 0 ? (
                    <td key={article.id} className="px-4 py-3">
                      <div
                        data-testid="omission"
                        className={`rounded-md border border-dashed border-red-300 bg-red-50/60 px-3 py-2 text-sm
                          text-red-800`}
                      >
                        <strong className="font-semibold">Omitted</strong> — {article.source ?? "this source"} does not
                        report this event.
                      </div>
                    </td>
                  ) : (
                    <td key={article.id} className="space-y-3 px-4 py-3">
                      {claims.map((claim) => (
                        <ClaimCard key={claim.linkId ?? claim.annotationId} claim={claim} articleId={article.id} />
                      ))}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-label="Claims not linked to an event">
        <h2 className="mb-2 text-base font-semibold">Claims not linked to an event</h2>
        <div className="grid gap-4" style={{ gridTemplateColumns: `repeat(${articles.length}, minmax(0, 1fr))` }}>
          {articles.map((article, index) => (
            <div key={article.id} className="rounded-lg border border-stone-200 bg-white p-3 shadow-xs">
              <h3 className="mb-2 flex items-center gap-2 text-sm font-medium">
                <span aria-hidden className="size-2.5 rounded-sm" style={{ backgroundColor: sourceColor(index) }} />
                {article.source ?? article.title}
              </h3>
              {(unlinked[article.id] ?? []).length === 0 ? (
                <p className="text-sm text-stone-500">None.</p>
              ) : (
                <div className="space-y-3 text-sm">
                  {unlinked[article.id]!.map((claim) => (
                    <ClaimCard key={claim.annotationId} claim={claim} articleId={article.id} />
                  ))}
                </div>
              )}
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}
