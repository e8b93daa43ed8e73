import type { ComparedArticle, FramingProfile } from "@/lib/compare";
import { sourceColor } from "./source-colors";

const KINDS = [
  { key: "frame", title: "Frames" },
  { key: "rhetoric", title: "Rhetoric" },
  { key: "verdict", title: "Verdicts" },
] as const;

const LABEL_WIDTH = 230;
const BAR_AREA = 180;
const BAR_HEIGHT = 14;
const ROW_GAP = 8;

/**
 * The framing profile of each source as grouped horizontal bars: per tag, one
 * bar per source in its column colour, with the count written at the bar's
 * end (and in a tooltip), so the numbers are read without hovering.
 */
export function FramingChart({ articles, profile }: { articles: ComparedArticle[]; profile: Record<string, FramingProfile> }) {
  return (
    <section aria-label="Framing profile" data-testid="framing-chart" className="rounded-lg border border-stone-200 bg-white p-4 shadow-xs">
      <div className="mb-3 flex flex-wrap items-center gap-x-4 gap-y-1">
        <h2 className="text-base font-semibold">How each source frames the story</h2>
        {articles.map((article, index) => (
          <span key={article.id} className="inline-flex items-center gap-1.5 text-sm text-stone-700">
            <span aria-hidden className="size-3 rounded-sm" style={{ backgroundColor: sourceColor(index) }} />
            {article.source ?? article.title}
          </span>
        ))}
      </div>
      <div className="grid gap-6 md:grid-cols-3">
        {KINDS.map(({ key, title }) => {
          const tags = [...new Set(articles.flatMap((article) => Object.keys(profile[article.id]?.[key] ?? {})))].sort();
          const max = Math.max(1, ...articles.flatMap((article) => Object.values(profile[article.id]?.[key] ?? {})));
          const rowHeight = articles.length * BAR_HEIGHT + ROW_GAP;
          return (
            <figure key={key}>
              <figcaption className="mb-1 text-xs font-semibold uppercase tracking-wide text-stone-500">{title}</figcaption>
              {tags.length === 0 ? (
                <p className="text-sm text-stone-500">None tagged.</p>
              ) : (
                <svg
                  role="img"
                  aria-label={`${title}: ${tags.map((tag) => `${tag} ${articles.map((a) => profile[a.id]?.[key][tag] ?? 0).join(" vs ")}`).join("; ")}`}
                  viewBox={`0 0 ${LABEL_WIDTH + BAR_AREA + 30} ${tags.length * rowHeight}`}
                  className="w-full"
                >
                  {tags.map((tag, row) => (
                    <g key={tag} transform={`translate(0 ${row * rowHeight})`}>
                      <text x={LABEL_WIDTH - 8} y={(articles.length * BAR_HEIGHT) / 2 + 4} textAnchor="end" className="fill-stone-700 text-[13px]">
                        {tag}
                      </text>
                      {articles.map((article, index) => {
                        const count = profile[article.id]?.[key][tag] ?? 0;
                        const width = (count / max) * BAR_AREA;
                        return (
                          <g key={article.id} transform={`translate(${LABEL_WIDTH} ${index * BAR_HEIGHT})`}>
                            <title>{`${article.source ?? article.title}: ${count} × ${tag}`}</title>
                            <rect width={Math.max(width, count > 0 ? 2 : 0)} height={BAR_HEIGHT - 2} rx={2} fill={sourceColor(index)} />
                            <text x={width + 4} y={BAR_HEIGHT - 3} className="fill-stone-600 text-[11px]">
                              {count}
                            </text>
                          </g>
                        );
                      })}
                    </g>
                  ))}
                </svg>
              )}
            </figure>
          );
        })}
      </div>
    </section>
  );
}
