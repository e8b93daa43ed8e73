"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { ArticleText } from "@/components/articles/article-text";
import {
  clearHighlights,
  highlightStyles,
  paintHighlights,
  supportsCustomHighlights,
} from "@/components/reader/highlights";
import { rangeForSpan, textOffsetOf } from "@/lib/anchoring/dom";
import { sourceColor } from "./source-colors";

export interface ParallelClaim {
  annotationId: string;
  start: number;
  end: number;
  color: string;
  eventIds: string[];
}

export interface ParallelArticle {
  id: string;
  title: string;
  source: string | null;
  text: string;
  claims: ParallelClaim[];
}

/**
 * The compared articles in parallel columns with their highlights. Clicking
 * a claim in one column points out the claims linked to the same event(s) in
 * the others and scrolls each column to the first of them.
 */
export function SideBySide({
  articles,
  eventTitles,
}: {
  articles: ParallelArticle[];
  eventTitles: Record<string, string>;
}) {
  const roots = useRef<(HTMLDivElement | null)[]>([]);
  const scrollers = useRef<(HTMLDivElement | null)[]>([]);
  const [selected, setSelected] = useState<{ column: number; claim: ParallelClaim } | null>(null);
  const [supported, setSupported] = useState<boolean | null>(null);
  useEffect(() => setSupported(supportsCustomHighlights()), []);

  const related = useMemo(() => {
    if (!selected) return new Map<number, ParallelClaim[]>();
    const events = new Set(selected.claim.eventIds);
    return new Map(
      articles.map((article, column) => [
        column,
        column === selected.column ? [] : article.claims.filter((claim) => claim.eventIds.some((id) => events.has(id))),
      ]),
    );
  }, [articles, selected]);
  const relatedIds = useMemo(() => new Set([...related.values()].flat().map((claim) => claim.annotationId)), [related]);
  const styles = useMemo(
    () => highlightStyles(articles.flatMap((article) => article.claims.map((claim) => claim.color))),
    [articles],
  );

  useEffect(() => {
    if (!supported) return;
    const layers = articles.flatMap((article, column) => {
      const root = roots.current[column];
      return root
        ? [
            {
              root,
              spans: article.claims.map((claim) => ({
                id: claim.annotationId,
                start: claim.start,
                end: claim.end,
                color: claim.color,
              })),
            },
          ]
        : [];
    });
    paintHighlights(layers, {
      selectedId: selected?.claim.annotationId ?? null,
      flashId: null,
      caret: null,
      relatedIds,
    });
  }, [articles, selected, relatedIds, supported]);
  useEffect(() => clearHighlights, []);

  // Bring the first related claim of each other column into view.
  useEffect(() => {
    for (const [column, claims] of related) {
      const first = claims[0];
      const root = roots.current[column];
      const scroller = scrollers.current[column];
      if (!first || !root || !scroller) continue;
      const rect = rangeForSpan(root, first.start, first.end)?.getBoundingClientRect();
      if (rect) scroller.scrollTop += rect.top - scroller.getBoundingClientRect().top - 48;
    }
  }, [related]);

  function onClick(column: number) {
    const root = roots.current[column];
    const selection = window.getSelection();
    if (!root || !selection?.focusNode || !selection.isCollapsed) return;
    const offset = textOffsetOf(root, selection.focusNode, selection.focusOffset);
    if (offset === null) return;
    // The innermost claim at that point.
    const claim = articles[column]!.claims.filter(
      (candidate) => candidate.start <= offset && offset < candidate.end,
    ).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    setSelected(claim ? { column, claim } : null);
  }

  const selectedEvents = selected?.claim.eventIds.map((id) => eventTitles[id]).filter(Boolean) ?? [];
  return (
    <div>
      <style>{styles}</style>
      <p className="mb-3 min-h-6 text-sm text-stone-700" role="status" data-testid="side-by-side-status">
        {!selected
          ? "Click a highlighted claim to see how the other sources report the same event."
          : selectedEvents.length === 0
            ? "This claim is not linked to an event."
            : `Linked to: ${selectedEvents.join("; ")}.`}
      </p>
      <div className="grid gap-4" style={{ gridTemplateColumns: `repeat(${articles.length}, minmax(0, 1fr))` }}>
        {articles.map((article, column) => {
          const counterparts = related.get(column) ?? [];
          return (
            <section
              key={article.id}
              aria-label={article.source ?? article.title}
              className="rounded-lg border border-stone-200 bg-white shadow-xs"
            >
              <header className="border-b border-stone-100 px-4 py-2">
                <div className="flex items-center gap-2 text-sm font-semibold">
                  <span aria-hidden className="size-3 rounded-sm" style={{ backgroundColor: sourceColor(column) }} />
                  {article.source ?? "No outlet"}
                </div>
                <p className="line-clamp-1 text-xs text-stone-600">{article.title}</p>
                {selected && selected.column !== column && selectedEvents.length > 0 && (
                  <p
                    className={`mt-1 text-xs font-medium ${counterparts.length ? "text-amber-800" : "text-red-700"}`}
                    data-testid="counterpart-summary"
                  >
                    {counterparts.length
                      ? `${counterparts.length} claim(s) about the same event`
                      : "Omitted: nothing about this event"}
                  </p>
                )}
              </header>
              <div
                ref={(element) => {
                  scrollers.current[column] = element;
                }}
                className="max-h-[70vh] overflow-y-auto px-4 py-3"
              >
                {/* biome-ignore lint/a11y/noStaticElementInteractions: a click picks the claim under the pointer. */}
                {/* biome-ignore lint/a11y/useKeyWithClickEvents: no keys yet; the claims need buttons of their own. */}
                <div
                  ref={(element) => {
                    roots.current[column] = element;
                  }}
                  onClick={() => onClick(column)}
                  data-testid="parallel-text"
                >
                  <ArticleText text={article.text} />
                </div>
              </div>
            </section>
          );
        })}
      </div>
    </div>
  );
}
