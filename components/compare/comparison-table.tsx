import type { Comparison } from "@/lib/compare";
import { ClaimCard, ClaimsOrOmission, EventTitle, NO_EVENTS, SourceName, SourceSummary } from "./compared-claim";
import { EventList } from "./event-list";
import { sourceColumns } from "./source-colors";

/**
 * Events as rows, sources as columns; an empty cell is that source's omission,
 * marked and counted. `outletNotes` (by outlet name): what the project notes
 * about each outlet (ownership, lean), under its name. Below the `md`
 * breakpoint the table's columns would be too narrow to read: the same
 * comparison is shown as a list of events instead (see EventList).
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
      <div className="hidden overflow-x-auto rounded-lg border border-stone-200 bg-white shadow-xs md:block">
        <table className="w-full table-fixed text-left text-sm" data-testid="comparison-table">
          <thead className="border-b border-stone-200 bg-stone-50 align-top">
            <tr>
              <th scope="col" className="w-56 px-4 py-3 text-xs font-medium uppercase tracking-wide text-stone-500">
                Event
              </th>
              {articles.map((article, index) => (
                <th key={article.id} scope="col" className="px-4 py-3 font-normal" data-testid="compared-source">
                  <SourceSummary
                    article={article}
                    index={index}
                    notes={article.source ? outletNotes[article.source] : undefined}
                    eventCount={events.length}
                    clamped
                  />
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100 align-top">
            {events.length === 0 && (
              <tr>
                <td colSpan={articles.length + 1} className="px-4 py-6 text-center text-stone-500">
                  {NO_EVENTS}
                </td>
              </tr>
            )}
            {events.map((event) => (
              <tr key={event.id} data-testid="compared-event">
                <th scope="row" className="px-4 py-3 font-normal">
                  <EventTitle event={event} contradictions={comparison.contradictions} />
                </th>
                {articles.map((article) => (
                  <td key={article.id} className="px-4 py-3">
                    <ClaimsOrOmission comparison={comparison} event={event} article={article} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <EventList comparison={comparison} outletNotes={outletNotes} className="md:hidden" />

      <section aria-label="Claims not linked to an event">
        <h2 className="mb-2 text-base font-semibold">Claims not linked to an event</h2>
        <div className="grid gap-4 md:grid-cols-(--source-columns)" style={sourceColumns(articles.length)}>
          {articles.map((article, index) => (
            <div key={article.id} className="rounded-lg border border-stone-200 bg-white p-3 shadow-xs">
              <h3 className="mb-2 text-sm">
                <SourceName article={article} index={index} />
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
