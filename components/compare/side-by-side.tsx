"use client";

import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { ArticleText } from "@/components/articles/article-text";
import {
  clearHighlights,
  highlightStyles,
  paintHighlights,
  supportsCustomHighlights,
} from "@/components/reader/highlights";
import { useMediaQuery } from "@/components/ui/use-media-query";
import { rangeForSpan, textOffsetOf } from "@/lib/anchoring/dom";
import { ClaimMarker, claimName, inReadingOrder, lineWithMarkers, type MarkerState, movedIndex } from "./claim-markers";
import { sourceColor, sourceColumns } from "./source-colors";
import { panelId, SourceTabs, type TabNote, tabId } from "./source-tabs";

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

/** Below Tailwind's `md` breakpoint the columns become tabs (the markup's classes use the same breakpoint). */
const NARROW = "(max-width: 47.999rem)";

/**
 * The compared articles in parallel columns with their highlights. Selecting
 * a claim in one column (a click in its text, or its numbered button) points
 * out the claims linked to the same event(s) in the others and scrolls each
 * column to the first of them. Each column is a focusable scroll region; in
 * it, Up/Down (Home/End) move between the claims' buttons. On narrow screens
 * the columns are tabs, one source at a time; a tab says how many claims it
 * has about the selected claim's event.
 */
export function SideBySide({
  articles,
  eventTitles,
}: {
  articles: ParallelArticle[];
  eventTitles: Record<string, string>;
}) {
  const prefix = useId();
  const isNarrow = useMediaQuery(NARROW);
  const roots = useRef<(HTMLDivElement | null)[]>([]);
  const scrollers = useRef<(HTMLElement | null)[]>([]);
  const [selected, setSelected] = useState<{ column: number; claim: ParallelClaim } | null>(null);
  const [activeTab, setActiveTab] = useState(0);
  // Per column, the claim whose button is in the Tab order.
  const [tabStops, setTabStops] = useState<number[]>(() => articles.map(() => 0));
  const [supported, setSupported] = useState<boolean | null>(null);
  useEffect(() => setSupported(supportsCustomHighlights()), []);

  const ordered = useMemo(() => articles.map((article) => inReadingOrder(article.claims)), [articles]);
  const related = useMemo(() => {
    if (!selected) return new Map<number, ParallelClaim[]>();
    const events = new Set(selected.claim.eventIds);
    return new Map(
      ordered.map((claims, column) => [
        column,
        column === selected.column ? [] : claims.filter((claim) => claim.eventIds.some((id) => events.has(id))),
      ]),
    );
  }, [ordered, selected]);
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

  // Bring the first related claim of each other column into view; a tab shown later is scrolled when it is shown.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a tab shown later (`activeTab`, `isNarrow`) is scrolled.
  useEffect(() => {
    for (const [column, claims] of related) {
      const first = claims[0];
      const root = roots.current[column];
      const scroller = scrollers.current[column];
      if (!first || !root || !scroller || scroller.getClientRects().length === 0) continue;
      const rect = rangeForSpan(root, first.start, first.end)?.getBoundingClientRect();
      if (rect) scroller.scrollTop += rect.top - scroller.getBoundingClientRect().top - 48;
    }
  }, [related, activeTab, isNarrow]);

  function select(column: number, claim: ParallelClaim | undefined) {
    setSelected(claim ? { column, claim } : null);
    if (claim)
      setTabStops((stops) => stops.map((stop, index) => (index === column ? ordered[column]!.indexOf(claim) : stop)));
  }

  function onTextClick(column: number) {
    const root = roots.current[column];
    const selection = window.getSelection();
    if (!root || !selection?.focusNode || !selection.isCollapsed) return;
    const offset = textOffsetOf(root, selection.focusNode, selection.focusOffset);
    if (offset === null) return;
    // The innermost claim at that point.
    const claim = articles[column]!.claims.filter(
      (candidate) => candidate.start <= offset && offset < candidate.end,
    ).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    select(column, claim);
  }

  function focusClaim(column: number, index: number) {
    const claim = ordered[column]![index];
    if (claim) roots.current[column]?.querySelector<HTMLElement>(`[data-claim-id="${claim.annotationId}"]`)?.focus();
  }

  function onMarkerKeyDown(column: number, index: number, event: KeyboardEvent<HTMLButtonElement>) {
    const next = movedIndex(event.key, index, ordered[column]!.length, "vertical", false);
    if (next === null) return;
    event.preventDefault();
    focusClaim(column, next);
  }

  /** On a narrow screen: the tab of `column`, scrolled to and focused on its first claim about the selected event. */
  function showCounterparts(column: number) {
    setActiveTab(column);
    const first = related.get(column)?.[0];
    if (first) requestAnimationFrame(() => focusClaim(column, ordered[column]!.indexOf(first)));
  }

  const markerState = (claim: ParallelClaim): MarkerState =>
    claim.annotationId === selected?.claim.annotationId
      ? "selected"
      : relatedIds.has(claim.annotationId)
        ? "related"
        : "plain";
  const selectedEvents = selected?.claim.eventIds.map((id) => eventTitles[id]).filter(Boolean) ?? [];
  const pointsOut = selected !== null && selectedEvents.length > 0;
  const counterpartNote = (column: number): string | null => {
    if (!pointsOut || selected.column === column) return null;
    const count = related.get(column)?.length ?? 0;
    if (!count) return "Omitted: nothing about this event";
    return `${count} ${count === 1 ? "claim" : "claims"} about the same event`;
  };
  const tabNotes = articles.map((_, column): TabNote | null => {
    const note = counterpartNote(column);
    return note ? { text: note, isOmission: !related.get(column)?.length } : null;
  });
  const sourceName = (article: ParallelArticle) => article.source ?? "No outlet";

  return (
    <div>
      <style>{styles}</style>
      <p className="mb-3 min-h-6 text-sm text-stone-700" role="status" data-testid="side-by-side-status">
        {!selected
          ? "Click a highlighted claim, or reach the numbered buttons before the claims with Tab and the arrow keys, " +
            "to see how the other sources report the same event."
          : selectedEvents.length === 0
            ? "This claim is not linked to an event."
            : `Linked to: ${selectedEvents.join("; ")}.`}
      </p>
      {isNarrow && pointsOut && (
        <ul aria-label="The same event in the other sources" className="mb-3 flex flex-wrap gap-2">
          {articles.map((article, column) =>
            column === selected.column || column === activeTab || !related.get(column)?.length ? null : (
              <li key={article.id}>
                <button
                  type="button"
                  onClick={() => showCounterparts(column)}
                  className={`rounded-md border border-amber-300 bg-amber-50 px-3 py-1.5 text-sm font-medium
                    text-amber-950 hover:bg-amber-100`}
                >
                  Show in {sourceName(article)} ({related.get(column)!.length})
                </button>
              </li>
            ),
          )}
        </ul>
      )}
      <SourceTabs
        prefix={prefix}
        sources={articles.map(sourceName)}
        active={activeTab}
        notes={tabNotes}
        onSelect={setActiveTab}
        className="mb-3 md:hidden"
      />
      <div className="grid gap-4 md:grid-cols-(--source-columns)" style={sourceColumns(articles.length)}>
        {articles.map((article, column) => {
          const note = counterpartNote(column);
          const panel = isNarrow
            ? { role: "tabpanel", id: panelId(prefix, column), "aria-labelledby": tabId(prefix, column) }
            : {};
          return (
            <div
              key={article.id}
              {...panel}
              className={`rounded-lg border border-stone-200 bg-white shadow-xs ${
                column === activeTab ? "" : "max-md:hidden"
              }`}
            >
              <header className="border-b border-stone-100 px-4 py-2">
                <h2 className="flex items-center gap-2 text-sm font-semibold">
                  <span
                    aria-hidden
                    className="size-3 shrink-0 rounded-sm"
                    style={{ backgroundColor: sourceColor(column) }}
                  />
                  <span className="wrap-anywhere">{sourceName(article)}</span>
                </h2>
                <p className="line-clamp-1 text-xs text-stone-600 max-md:line-clamp-none">{article.title}</p>
                {note && (
                  <p
                    className={`mt-1 text-xs font-medium ${
                      related.get(column)?.length ? "text-amber-800" : "text-red-700"
                    }`}
                    data-testid="counterpart-summary"
                  >
                    {note}
                  </p>
                )}
              </header>
              <section
                ref={(element) => {
                  scrollers.current[column] = element;
                }}
                aria-label={`Text of ${sourceName(article)}`}
                // biome-ignore lint/a11y/noNoninteractiveTabindex: focused, the text scrolls with the arrow keys.
                tabIndex={0}
                className={`max-h-[70vh] overflow-y-auto px-4 py-3 focus-visible:outline-3
                  focus-visible:-outline-offset-3 focus-visible:outline-indigo-600`}
              >
                {/* biome-ignore lint/a11y/noStaticElementInteractions: a click picks the claim under the pointer. */}
                {/* biome-ignore lint/a11y/useKeyWithClickEvents: keys reach the claims by their numbered buttons. */}
                <div
                  ref={(element) => {
                    roots.current[column] = element;
                  }}
                  onClick={() => onTextClick(column)}
                  data-testid="parallel-text"
                >
                  <ArticleText
                    text={article.text}
                    renderLine={(line, start) =>
                      lineWithMarkers(line, start, ordered[column]!, (claim) => {
                        const index = ordered[column]!.indexOf(claim);
                        const state = markerState(claim);
                        return (
                          <ClaimMarker
                            key={claim.annotationId}
                            claim={claim}
                            number={index + 1}
                            state={state}
                            name={claimName(article.text, claim, index + 1, state)}
                            isTabStop={tabStops[column] === index}
                            onPress={() =>
                              select(column, claim.annotationId === selected?.claim.annotationId ? undefined : claim)
                            }
                            onFocus={() =>
                              setTabStops((stops) => stops.map((stop, i) => (i === column ? index : stop)))
                            }
                            onKeyDown={(event) => onMarkerKeyDown(column, index, event)}
                          />
                        );
                      })
                    }
                  />
                </div>
              </section>
            </div>
          );
        })}
      </div>
    </div>
  );
}
