import type { Comparison } from "@/lib/compare";
import { ClaimsOrOmission, EventTitle, NO_EVENTS, SourceName, SourceSummary } from "./compared-claim";

/**
 * The comparison for narrow screens: the sources first (what the table puts
 * in its head), then each event with one section per source holding its
 * claims or its omission in words. Nothing is cut and nothing is wider than
 * the screen.
 */
export function EventList({
  comparison,
  outletNotes,
  className,
}: {
  comparison: Comparison;
  outletNotes: Record<string, string>;
  className: string;
}) {
  const { articles, events } = comparison;
  return (
    <div className={`space-y-4 ${className}`} data-testid="event-list">
      <ul aria-label="Sources compared" className="grid gap-2">
        {articles.map((article, index) => (
          <li
            key={article.id}
            className="rounded-lg border border-stone-200 bg-white px-4 py-3 text-sm shadow-xs"
            data-testid="listed-source"
          >
            <SourceSummary
              article={article}
              index={index}
              notes={article.source ? outletNotes[article.source] : undefined}
              eventCount={events.length}
              clamped={false}
            />
          </li>
        ))}
      </ul>
      {events.length === 0 ? (
        <p className="rounded-lg border border-stone-200 bg-white px-4 py-6 text-center text-sm text-stone-500">
          {NO_EVENTS}
        </p>
      ) : (
        <ol aria-label="Events" className="space-y-4">
          {events.map((event) => (
            <li
              key={event.id}
              className="rounded-lg border border-stone-200 bg-white text-sm shadow-xs"
              data-testid="listed-event"
            >
              <h2 className="border-b border-stone-100 bg-stone-50 px-4 py-3 text-sm font-normal">
                <EventTitle event={event} contradictions={comparison.contradictions} />
              </h2>
              <div className="divide-y divide-stone-100">
                {articles.map((article, index) => (
                  <div key={article.id} className="space-y-2 px-4 py-3" data-testid="listed-event-source">
                    <h3 className="text-sm">
                      <SourceName article={article} index={index} />
                    </h3>
                    <ClaimsOrOmission comparison={comparison} event={event} article={article} />
                  </div>
                ))}
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
