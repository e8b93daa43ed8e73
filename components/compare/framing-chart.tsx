import { Fragment } from "react";
import type { ComparedArticle, FramingProfile } from "@/lib/compare";
import { sourceColor } from "./source-colors";

const KINDS = [
  { key: "frame", title: "Frames" },
  { key: "rhetoric", title: "Rhetoric" },
  { key: "verdict", title: "Verdicts" },
] as const;

/** "exaggeration/minimisation" may break after its slash, not only overflow. */
function breakableAtSlashes(name: string) {
  return name.split("/").map((part, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one name, in order: their place is their identity.
    <Fragment key={index}>
      {index > 0 && (
        <>
          /<wbr />
        </>
      )}
      {part}
    </Fragment>
  ));
}

/**
 * The framing profile of each source as grouped horizontal bars: per tag, one
 * bar per source in its column colour, with the count written at the bar's
 * end (and in a tooltip), so the numbers are read without hovering.
 */
export function FramingChart({
  articles,
  profile,
}: {
  articles: ComparedArticle[];
  profile: Record<string, FramingProfile>;
}) {
  return (
    <section
      aria-label="Framing profile"
      data-testid="framing-chart"
      className="rounded-lg border border-stone-200 bg-white p-4 shadow-xs"
    >
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
          const tags = [
            ...new Set(articles.flatMap((article) => Object.keys(profile[article.id]?.[key] ?? {}))),
          ].sort();
          const max = Math.max(1, ...articles.flatMap((article) => Object.values(profile[article.id]?.[key] ?? {})));
          return (
            <figure key={key}>
              <figcaption className="mb-1 text-xs font-semibold uppercase tracking-wide text-stone-500">
                {title}
              </figcaption>
              {tags.length === 0 ? (
                <p className="text-sm text-stone-500">None tagged.</p>
              ) : (
                <div
                  role="img"
                  aria-label={`${title}: ${tags
                    .map((tag) => `${tag} ${articles.map((a) => profile[a.id]?.[key][tag] ?? 0).join(" vs ")}`)
                    .join("; ")}`}
                  className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] items-center gap-x-2 gap-y-2 text-xs"
                >
                  {tags.map((tag) => (
                    <Fragment key={tag}>
                      {/* Long frame names ("legality, constitutionality and jurisprudence") wrap rather than being cut.
                       */}
                      <span className="text-right leading-tight text-stone-700">{breakableAtSlashes(tag)}</span>
                      <span className="flex flex-col gap-0.5">
                        {articles.map((article, index) => {
                          const count = profile[article.id]?.[key][tag] ?? 0;
                          return (
                            <span
                              key={article.id}
                              title={`${article.source ?? article.title}: ${count} × ${tag}`}
                              className="flex items-center gap-1"
                            >
                              {/* At most 85% of the width: the count stays beside the longest bar. */}
                              <span
                                className="h-2.5 rounded-sm"
                                style={{
                                  width: `${(count / max) * 85}%`,
                                  minWidth: count > 0 ? 2 : 0,
                                  backgroundColor: sourceColor(index),
                                }}
                              />
                              <span className="tabular-nums leading-none text-stone-600">{count}</span>
                            </span>
                          );
                        })}
                      </span>
                    </Fragment>
                  ))}
                </div>
              )}
            </figure>
          );
        })}
      </div>
    </section>
  );
}
