"use client";

import { useRouter } from "next/navigation";
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ArticleText } from "@/components/articles/article-text";
import { type PackedSummaries, unpackSummaries } from "@/lib/annotation-summaries";
import { clipText, normalizeSelection, snapToGraphemes } from "@/lib/anchoring";
import { rangeForSpan, textOffsetOf } from "@/lib/anchoring/dom";
import type { TagView } from "@/lib/codebook";
import type { ArticleLinkView } from "@/lib/events";
import { AnnotationCard, type CardActions } from "./annotation-card";
import { AnnotationsHere } from "./annotations-here";
import { callApi } from "./api-client";
import { type LinkDraft, saveLink } from "./event-links";
import { AnnotationFilters, type AnnotationFilter, matchesFilter, NO_FILTER } from "./annotation-filters";
import { ArticleTextEditor, type ReanchorReport } from "./article-text-editor";
import { markedLine } from "./fallback-marks";
import { LiveChanges, useLiveStream } from "./live-changes";
import {
  clearHighlights,
  highlightStyles,
  nestedSpanIds,
  onScreenText,
  type PaintedSpan,
  paintHighlights,
  supportsCustomHighlights,
} from "./highlights";
import { SelectionPopover, type TextSelection } from "./selection-popover";
import { ShowMore } from "./show-more";
import { useAnnotationDetails } from "./use-annotation-details";
import { type ReaderAnnotation, useAnnotations } from "./use-annotations";
import { useArticleLinks } from "./use-article-links";

export interface ReaderViewer {
  id: string;
  name: string;
  canCreate: boolean;
  canEditAny: boolean;
  canEditText: boolean;
  /** A reviewer coding blind: other members' annotations show once an editor approves them. */
  codesBlind: boolean;
}

interface ReaderProps {
  article: { id: string; projectId: string; text: string; revision: number };
  /** What the page sends of each annotation (packed small); notes and links load after the highlights show. */
  annotations: PackedSummaries;
  codebook: TagView[];
  viewer: ReaderViewer;
}

const FLASH_MS = 1200;
const PAINT_START = "parallax:paint-start";
/**
 * Sidebar cards sent with the page: about a screenful, so that the page of an article with thousands of annotations
 * stays small.
 */
const FIRST_CARDS = 20;
/**
 * Sidebar cards rendered once the highlights show, and added at a time: an article with thousands of annotations opens
 * quickly.
 */
const CARD_PAGE = 100;
/** How far above and below the screen highlights are painted, in screen heights. */
const PAINT_MARGIN_SCREENS = 1;
/** Changes arriving together (a bulk submit, say) make one refresh. */
const LIVE_REFRESH_DELAY_MS = 250;
const NO_LINKS: ArticleLinkView[] = [];
const DRAFT_ID = "draft";
/** Keys that move the caret or extend the selection in the text, as Selection.modify arguments. */
const CARET_MOVES: Record<
  string,
  [direction: "left" | "right" | "backward" | "forward", granularity: "character" | "line" | "lineboundary"]
> = {
  ArrowLeft: ["left", "character"],
  ArrowRight: ["right", "character"],
  ArrowUp: ["backward", "line"],
  ArrowDown: ["forward", "line"],
  Home: ["backward", "lineboundary"],
  End: ["forward", "lineboundary"],
};

/**
 * The article page's reading and annotating surface: the text with its
 * highlights, selection (mouse or keyboard) → tag popover → saved
 * annotation, the sidebar of annotations, and the editor's text edit.
 */
export function ArticleReader({ article, annotations: packedAnnotations, codebook, viewer }: ReaderProps) {
  const router = useRouter();
  const textRef = useRef<HTMLDivElement>(null);
  const surfaceRef = useRef<HTMLDivElement>(null);
  const flashTimer = useRef<number | undefined>(undefined);
  /** A mouse button is down on the text: a selection is being dragged. */
  const dragging = useRef(false);
  const initialAnnotations = useMemo(() => unpackSummaries(packedAnnotations), [packedAnnotations]);
  const { details, remember, load: loadDetails } = useAnnotationDetails(article.id);
  const { annotations, conflicts, create, update, remove, reload } = useAnnotations(
    article.id,
    initialAnnotations,
    remember,
  );
  const [liveChanges, setLiveChanges] = useState(0);
  const [links, setLinks] = useArticleLinks(article.id, liveChanges);
  const linksByAnnotation = useMemo(() => {
    const byAnnotation = new Map<string, ArticleLinkView[]>();
    for (const link of links ?? [])
      byAnnotation.set(link.annotationId, [...(byAnnotation.get(link.annotationId) ?? []), link]);
    return byAnnotation;
  }, [links]);
  const linking = useMemo(
    () => ({
      projectId: article.projectId,
      permissions: { viewerId: viewer.id, canLink: viewer.canCreate, canManage: viewer.canEditAny },
    }),
    [article.projectId, viewer],
  );
  const discussion = useMemo(
    () => ({ viewerId: viewer.id, canWrite: viewer.canCreate, canModerate: viewer.canEditAny }),
    [viewer],
  );
  const [filter, setFilter] = useState<AnnotationFilter>(NO_FILTER);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [flashId, setFlashId] = useState<string | null>(null);
  const [selection, setSelection] = useState<TextSelection | null>(null);
  const [covering, setCovering] = useState<{ ids: string[]; top: number; left: number } | null>(null);
  const [reattachId, setReattachId] = useState<string | null>(null);
  const [caret, setCaret] = useState<{ start: number; end: number } | null>(null);
  const [status, setStatus] = useState<{ kind: "info" | "error"; text: string } | null>(null);
  const [editingText, setEditingText] = useState(false);
  const [report, setReport] = useState<ReanchorReport | null>(null);
  // Whether the browser paints with CSS.highlights (null until known: the server cannot tell).
  const [customHighlights, setCustomHighlights] = useState<boolean | null>(null);
  const [cardLimit, setCardLimit] = useState(FIRST_CARDS);
  const showMoreCards = useCallback(() => setCardLimit((limit) => limit + CARD_PAGE), []);
  /** After the first paint: the rest of the first page of cards. */
  const listMoreCards = useCallback(() => setCardLimit((limit) => Math.max(limit, CARD_PAGE)), []);
  useEffect(() => setCustomHighlights(supportsCustomHighlights()), []);

  const anchored = useMemo(() => annotations.filter((annotation) => annotation.anchor !== "orphaned"), [annotations]);
  const ownDrafts = annotations.filter(
    (annotation) => annotation.author.id === viewer.id && annotation.status === "DRAFT" && !annotation.pending,
  ).length;
  const orphans = useMemo(() => annotations.filter((annotation) => annotation.anchor === "orphaned"), [annotations]);
  const shown = useMemo(() => anchored.filter((annotation) => matchesFilter(annotation, filter)), [anchored, filter]);
  /** An annotation's passage: the text's, where it is anchored; an orphan's from its details, once loaded. */
  const quoteOf = useCallback(
    (annotation: ReaderAnnotation) =>
      annotation.anchor === "orphaned"
        ? details.get(annotation.id)?.exact
        : article.text.slice(annotation.start, annotation.end),
    [details, article.text],
  );
  const canEdit = useCallback(
    (annotation: ReaderAnnotation) => viewer.canEditAny || (viewer.canCreate && annotation.author.id === viewer.id),
    [viewer],
  );

  const painted = useMemo<PaintedSpan[]>(() => {
    const spans: PaintedSpan[] = shown.map(({ id, start, end, tags, pending }) => ({
      id,
      start,
      end,
      color: tags[0]?.color ?? "",
      pending,
    }));
    // The passage being tagged stays marked while focus is in the popover.
    if (selection)
      spans.push({ id: DRAFT_ID, start: selection.start, end: selection.end, color: "", pending: true, draft: true });
    return spans;
  }, [shown, selection]);
  const styles = useMemo(() => highlightStyles(painted.map((span) => span.color)), [painted]);

  // Only the spans near the screen are painted: Chromium spends a frame on every registered range, thousands of them
  // make each change slow. Scrolling close to the edge of what is painted paints again around the new position.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new text (`article.text`) is painted anew.
  useEffect(() => {
    const root = textRef.current;
    // Asked here, not through the customHighlights state: the highlights paint right after hydration, one render
    // sooner.
    if (!root || !supportsCustomHighlights() || editingText) return;
    let paintedText = { start: 0, end: 0 };
    let cancelMeasure = () => {};
    const paint = () => {
      performance.mark(PAINT_START);
      paintedText = onScreenText(root, PAINT_MARGIN_SCREENS * window.innerHeight);
      const near = painted.filter((span) => span.end >= paintedText.start && span.start <= paintedText.end);
      paintHighlights([{ root, spans: near }], { selectedId: activeId, flashId, caret });
      cancelMeasure();
      cancelMeasure = measurePaint(listMoreCards);
    };
    paint();
    let frame = 0;
    const onScroll = () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        const needed = onScreenText(root, window.innerHeight / 2);
        if (needed.start < paintedText.start || needed.end > paintedText.end) paint();
      });
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("resize", onScroll);
    return () => {
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("resize", onScroll);
      cancelAnimationFrame(frame);
      cancelMeasure();
    };
  }, [painted, activeId, flashId, caret, editingText, article.text, listMoreCards]);
  useEffect(() => clearHighlights, []);

  // Others' changes to this article's annotations, comments and links arrive live: changes arriving together make one
  // refresh; when some may have been missed (a resync), the page reloads at once.
  const liveTimer = useRef<number | undefined>(undefined);
  const refreshLive = useCallback(
    function refresh() {
      window.clearTimeout(liveTimer.current);
      // Not in the middle of a drag: re-rendering the text's wrapper marks (without the Custom Highlight API) would
      // lose the selection.
      if (dragging.current) {
        liveTimer.current = window.setTimeout(refresh, LIVE_REFRESH_DELAY_MS);
        return;
      }
      router.refresh();
      setLiveChanges((count) => count + 1);
    },
    [router],
  );
  useLiveStream(article.id, (mustReload) => {
    window.clearTimeout(liveTimer.current);
    liveTimer.current = window.setTimeout(refreshLive, mustReload ? 0 : LIVE_REFRESH_DELAY_MS);
  });
  useEffect(() => {
    const dragEnded = () => (dragging.current = false);
    window.addEventListener("mouseup", dragEnded);
    return () => {
      window.clearTimeout(liveTimer.current);
      window.removeEventListener("mouseup", dragEnded);
    };
  }, []);
  useEffect(() => () => window.clearTimeout(flashTimer.current), []);

  const underlinedIds = useMemo(() => {
    const ids = nestedSpanIds(painted);
    for (const span of painted) if (span.pending || span.id === activeId) ids.add(span.id);
    return ids;
  }, [painted, activeId]);
  const renderLine = useMemo(() => {
    if (customHighlights !== false) return undefined;
    // Wrapper marks are painted by rendering the text with them: the paint begins with that render.
    performance.mark(PAINT_START);
    return (line: string, start: number) => markedLine(line, start, painted, underlinedIds);
  }, [customHighlights, painted, underlinedIds]);
  // The text's thousands of paragraphs render again only when it or its wrapper marks change, not on every caret move.
  const articleText = useMemo(
    () => <ArticleText text={article.text} renderLine={renderLine} />,
    [article.text, renderLine],
  );
  // Wrapper marks are painted by that render: measured to the frame after it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `renderLine` changes with each render of the marks.
  useEffect(() => {
    if (customHighlights !== false || editingText) return;
    return measurePaint(listMoreCards);
  }, [renderLine, customHighlights, editingText, listMoreCards]);

  /** Where to put a floating panel below a DOM rectangle, in the surface's coordinates. */
  function placeBelow(rect: DOMRect): { top: number; left: number } {
    const surface = surfaceRef.current!.getBoundingClientRect();
    const width = Math.min(352, surface.width);
    return {
      top: rect.bottom - surface.top + 8,
      left: Math.max(0, Math.min(rect.left - surface.left, surface.width - width)),
    };
  }

  /** The current browser selection as a span of the text, snapped to whole characters; null if none. */
  function selectedSpan(): { start: number; end: number; rect: DOMRect } | null {
    const root = textRef.current;
    const current = window.getSelection();
    if (
      !root ||
      !current ||
      current.rangeCount === 0 ||
      current.isCollapsed ||
      !current.anchorNode ||
      !current.focusNode
    )
      return null;
    const from = textOffsetOf(root, current.anchorNode, current.anchorOffset);
    const to = textOffsetOf(root, current.focusNode, current.focusOffset);
    if (from === null || to === null) return null;
    const span = normalizeSelection(article.text, from, to);
    if (!span) return null;
    const rects = current.getRangeAt(0).getClientRects();
    return { ...span, rect: rects[rects.length - 1] ?? current.getRangeAt(0).getBoundingClientRect() };
  }

  /** Opens the tag popover (or the re-attach confirmation) for the selected text; false when nothing is selected. */
  function openForSelection(): boolean {
    const span = selectedSpan();
    if (!span || (!viewer.canCreate && !reattachId)) return false;
    setCovering(null);
    setSelection({
      start: span.start,
      end: span.end,
      exact: article.text.slice(span.start, span.end),
      ...placeBelow(span.rect),
    });
    return true;
  }

  /** Lists the annotations covering a text offset (a click or the keyboard caret). */
  function showCovering(offset: number, rect: DOMRect) {
    const ids = shown
      .filter((annotation) => annotation.start <= offset && offset < annotation.end)
      .map((annotation) => annotation.id);
    setCovering(ids.length > 0 ? { ids, ...placeBelow(rect) } : null);
  }

  function caretOffset(): { offset: number; rect: DOMRect } | null {
    const root = textRef.current;
    const current = window.getSelection();
    if (!root || !current?.focusNode) return null;
    const offset = textOffsetOf(root, current.focusNode, current.focusOffset);
    if (offset === null) return null;
    const range = document.createRange();
    range.setStart(current.focusNode, current.focusOffset);
    const rect = range.getBoundingClientRect();
    return {
      offset,
      rect: rect.height > 0 ? rect : (current.focusNode.parentElement?.getBoundingClientRect() ?? rect),
    };
  }

  function onMouseUp() {
    if (openForSelection()) return;
    setSelection(null);
    const point = caretOffset();
    if (point && window.getSelection()?.isCollapsed) showCovering(point.offset, point.rect);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const root = textRef.current!;
    const move = CARET_MOVES[event.key];
    if (move && !event.altKey && !event.metaKey) {
      event.preventDefault();
      const current = window.getSelection()!;
      if (current.rangeCount === 0 || !root.contains(current.focusNode)) {
        const start = rangeForSpan(root, 0, 0);
        if (start) current.collapse(start.startContainer, start.startOffset);
      }
      const [direction, granularity] = move;
      current.modify(
        event.shiftKey ? "extend" : "move",
        direction,
        event.ctrlKey && granularity === "character" ? "word" : granularity,
      );
      updateCaret();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (openForSelection()) return;
      const point = caretOffset();
      if (point) showCovering(point.offset, point.rect);
    } else if (event.key === "Escape") {
      setCovering(null);
      setReattachId(null);
    }
  }

  /** Marks the character after a collapsed keyboard caret, since the browser shows no caret in read-only text. */
  function updateCaret() {
    const current = window.getSelection();
    const point = caretOffset();
    if (!point || !current?.isCollapsed || point.offset >= article.text.length) return setCaret(null);
    setCaret(snapToGraphemes(article.text, point.offset, point.offset + 1));
  }

  const showAnnotation = useCallback(
    (id: string) => {
      const annotation = annotations.find((candidate) => candidate.id === id);
      const root = textRef.current;
      if (!annotation || !root) return;
      setActiveId(id);
      setCovering(null);
      // Its card must be rendered to be shown (the effect on flashId scrolls to it).
      const index = shown.findIndex((candidate) => candidate.id === id);
      setCardLimit((limit) => (index >= limit ? index + CARD_PAGE : limit));
      const rect = rangeForSpan(root, annotation.start, annotation.end)?.getBoundingClientRect();
      if (rect) window.scrollBy({ top: rect.top - window.innerHeight / 3, behavior: "smooth" });
      setFlashId(id);
      window.clearTimeout(flashTimer.current);
      flashTimer.current = window.setTimeout(() => setFlashId(null), FLASH_MS);
    },
    [annotations, shown],
  );
  useEffect(() => {
    if (flashId)
      document.querySelector(`[data-annotation-id="${CSS.escape(flashId)}"]`)?.scrollIntoView({ block: "nearest" });
  }, [flashId]);

  // A link to one annotation (search results, the comparison): show it once the page is ready.
  const hashShown = useRef(false);
  useEffect(() => {
    const match = /^#annotation-([0-9a-f-]{36})$/.exec(window.location.hash);
    if (!match || hashShown.current || customHighlights === null) return;
    hashShown.current = true;
    showAnnotation(match[1]!);
  }, [showAnnotation, customHighlights]);

  const cardActions = useMemo<CardActions>(
    () => ({
      show: showAnnotation,
      reattach: (id) => {
        setReattachId(id);
        setStatus(null);
        textRef.current?.focus();
      },
      update,
      remove,
      reload,
      setLinks: (annotationId, next) =>
        setLinks((current) => [...(current ?? []).filter((link) => link.annotationId !== annotationId), ...next]),
    }),
    [showAnnotation, update, remove, reload, setLinks],
  );

  function closeSelection() {
    setSelection(null);
    window.getSelection()?.removeAllRanges();
    textRef.current?.focus({ preventScroll: true });
  }

  async function saveSelection(tagIds: string[], note: string, link: LinkDraft | null) {
    const chosen = codebook.filter((tag) => tagIds.includes(tag.id));
    const target = selection!;
    const saved = await create({
      start: target.start,
      end: target.end,
      exact: target.exact,
      tags: chosen.map((tag) => ({ id: tag.id, name: tag.name, group: tag.group.name, color: tag.color })),
      note: note.trim() === "" ? null : note,
      author: { id: viewer.id, name: viewer.name },
    });
    setStatus({ kind: "info", text: `Annotation saved: “${shortQuote(saved.exact)}”.` });
    closeSelection();
    if (link) {
      try {
        const created = await saveLink(article.projectId, saved.id, link);
        setLinks((current) => [...(current ?? []), created]);
        setStatus({ kind: "info", text: `Annotation saved and linked to “${created.event.title}”.` });
      } catch (failure) {
        setStatus({
          kind: "error",
          text: `Annotation saved, but not linked to the event: ${(failure as Error).message}`,
        });
      }
    }
  }

  async function reattachToSelection() {
    const orphan = annotations.find((annotation) => annotation.id === reattachId);
    const target = selection!;
    if (!orphan) return;
    if (await update(orphan, { start: target.start, end: target.end, exact: target.exact })) {
      setStatus({ kind: "info", text: `Re-attached to “${shortQuote(target.exact)}”.` });
    } else {
      setStatus({ kind: "error", text: "Not re-attached: the annotation was changed meanwhile. See its card." });
    }
    setReattachId(null);
    closeSelection();
  }

  const reattaching = annotations.find((annotation) => annotation.id === reattachId);
  const listedCards = useMemo(() => shown.slice(0, cardLimit), [shown, cardLimit]);
  // The notes of the cards listed (and the orphans' quotes) load as the cards are listed.
  useEffect(() => {
    loadDetails(listedCards);
    loadDetails(orphans);
  }, [loadDetails, listedCards, orphans]);
  const cardFor = (annotation: ReaderAnnotation, active: boolean, orphan = false) => (
    <AnnotationCard
      key={annotation.id}
      annotation={annotation}
      quote={quoteOf(annotation)}
      details={details.get(annotation.id)}
      codebook={codebook}
      canEdit={canEdit(annotation)}
      active={active}
      conflict={conflicts[annotation.id]}
      actions={cardActions}
      orphan={orphan}
      links={links && (linksByAnnotation.get(annotation.id) ?? NO_LINKS)}
      linking={linking}
      discussion={discussion}
      canReview={viewer.canEditAny}
    />
  );

  return (
    <LiveChanges.Provider value={liveChanges}>
      <div className="lg:grid lg:grid-cols-[minmax(0,1fr)_22rem] lg:gap-8">
        <style>{styles}</style>
        <section aria-label="Article text" className="min-w-0">
          <div className="mb-3 flex flex-wrap items-center gap-3 text-xs text-stone-500">
            {viewer.canCreate && (
              <span>Select a passage (mouse, or focus the text and use Shift+arrows, then Enter) to tag it.</span>
            )}
            {viewer.canEditAny && (
              <a
                href={`/articles/${article.id}/adjudicate`}
                className={`ml-auto rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium
                  text-stone-700 shadow-xs hover:bg-stone-50`}
              >
                Adjudicate
              </a>
            )}
            {viewer.canEditText && !editingText && (
              <button
                type="button"
                onClick={() => {
                  setEditingText(true);
                  setSelection(null);
                  setReport(null);
                }}
                className={`rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium
                  text-stone-700 shadow-xs hover:bg-stone-50`}
              >
                Edit text
              </button>
            )}
          </div>
          {report && (
            <div
              role="status"
              className="mb-4 rounded-md border border-indigo-200 bg-indigo-50 px-3 py-2 text-sm text-indigo-900"
              data-testid="reanchor-report"
            >
              {`Text saved as revision ${report.revision}. Annotations: ${report.exact} found exactly, `}
              {`${report.moved} moved, ${report.fuzzy} found approximately, ${report.orphaned} orphaned.`}
            </div>
          )}
          {reattaching && (
            <div
              role="status"
              className={`mb-4 flex items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2
                text-sm text-amber-900`}
            >
              <span>Select the passage “{shortQuote(quoteOf(reattaching) ?? "…")}” now refers to, then confirm.</span>
              <button
                type="button"
                onClick={() => setReattachId(null)}
                className="ml-auto rounded-md px-2 py-0.5 hover:bg-amber-100"
              >
                Cancel
              </button>
            </div>
          )}
          {editingText ? (
            <ArticleTextEditor
              articleId={article.id}
              text={article.text}
              revision={article.revision}
              onCancel={() => setEditingText(false)}
              onSaved={(saved) => {
                setReport(saved);
                setEditingText(false);
                router.refresh();
              }}
            />
          ) : (
            <div ref={surfaceRef} className="relative">
              {/* biome-ignore lint/a11y/noStaticElementInteractions: the text is read, not edited: no role fits. */}
              {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: its label tells the keys that select in it. */}
              <div
                ref={textRef}
                // biome-ignore lint/a11y/noNoninteractiveTabindex: the caret keys select in the focused text.
                tabIndex={0}
                aria-label={
                  "Article text: use Shift+arrow keys to select, Enter to tag the selection or list the " +
                  "annotations at the caret"
                }
                onMouseDown={() => (dragging.current = true)}
                onMouseUp={onMouseUp}
                onKeyDown={onKeyDown}
                onBlur={() => setCaret(null)}
                className={`reader-text rounded-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-300
                  focus-visible:ring-offset-8`}
                data-testid="reader-text"
              >
                {articleText}
              </div>
              {selection && (
                <SelectionPopover
                  projectId={article.projectId}
                  key={`${selection.start}-${selection.end}`}
                  selection={selection}
                  codebook={codebook}
                  reattaching={reattaching ? { quote: quoteOf(reattaching) ?? "…" } : null}
                  onSave={saveSelection}
                  onReattach={reattachToSelection}
                  onCancel={closeSelection}
                />
              )}
              {covering && (
                <AnnotationsHere
                  key={covering.ids.join()}
                  annotations={annotations.filter((annotation) => covering.ids.includes(annotation.id))}
                  quoteOf={(annotation) => quoteOf(annotation) ?? ""}
                  position={{ top: covering.top, left: covering.left }}
                  discussion={discussion}
                  onShow={showAnnotation}
                />
              )}
            </div>
          )}
        </section>

        <aside aria-label="Annotations" className="mt-10 lg:mt-0">
          <div className="space-y-3 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto lg:pr-1">
            <h2 className="text-sm font-semibold text-stone-800">
              Annotations <span className="font-normal text-stone-500">({anchored.length})</span>
            </h2>
            <div aria-live="polite">
              {status && (
                <p
                  role={status.kind === "error" ? "alert" : "status"}
                  className={`rounded-md px-2.5 py-1.5 text-sm ${
                    status.kind === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-900"
                  }`}
                >
                  {status.text}
                </p>
              )}
            </div>
            {ownDrafts > 0 && (
              <button
                type="button"
                onClick={async () => {
                  try {
                    const { submitted } = await callApi<{ submitted: number }>(
                      "POST",
                      `/api/v1/articles/${article.id}/annotations/submit`,
                    );
                    setStatus({
                      kind: "info",
                      text: `Submitted ${submitted} annotation${submitted === 1 ? "" : "s"} for review.`,
                    });
                    router.refresh();
                  } catch (failure) {
                    setStatus({ kind: "error", text: (failure as Error).message });
                  }
                }}
                className={`w-full rounded-md border border-indigo-300 bg-white px-3 py-1.5 text-sm font-medium
                  text-indigo-800 hover:bg-indigo-50`}
              >
                Submit my {ownDrafts} draft{ownDrafts === 1 ? "" : "s"} for review
              </button>
            )}
            {anchored.length > 0 && <AnnotationFilters annotations={anchored} filter={filter} onChange={setFilter} />}
            {anchored.length === 0 && (
              <p className="text-sm text-stone-500">
                {viewer.codesBlind
                  ? "None of yours yet. Other members’ annotations show here once an editor approves them (blind " +
                    "coding)."
                  : "No annotations yet."}
              </p>
            )}
            <ul className="space-y-2" data-testid="annotation-list">
              {listedCards.map((annotation) => cardFor(annotation, annotation.id === activeId))}
            </ul>
            {shown.length > cardLimit && <ShowMore remaining={shown.length - cardLimit} onMore={showMoreCards} />}
            {anchored.length > 0 && shown.length === 0 && (
              <p className="text-sm text-stone-500">No annotation matches these filters.</p>
            )}
            {orphans.length > 0 && (
              <section aria-label="Orphaned annotations" className="border-t border-stone-200 pt-3">
                <h3 className="text-sm font-semibold text-stone-800">Orphaned ({orphans.length})</h3>
                <p className="mb-2 text-xs text-stone-500">
                  Their text is no longer in the article. Re-attach each to a passage, or delete it.
                </p>
                <ul className="space-y-2">
                  {orphans.map((annotation) => cardFor(annotation, annotation.id === reattachId, true))}
                </ul>
              </section>
            )}
          </div>
        </aside>
      </div>
    </LiveChanges.Provider>
  );
}

function shortQuote(quote: string): string {
  return clipText(quote, 60);
}

/**
 * Measures "parallax:paint": from the PAINT_START mark (spans handed to the
 * painter) to the end of the next frame, which shows them (npm run bench reads
 * it, and its end, counted from the navigation's start); then calls
 * `onPainted`. Returns a cancel function.
 */
function measurePaint(onPainted: () => void): () => void {
  let timer: number | undefined;
  const frame = requestAnimationFrame(() => {
    timer = window.setTimeout(() => {
      performance.measure("parallax:paint", PAINT_START);
      onPainted();
    });
  });
  return () => {
    cancelAnimationFrame(frame);
    window.clearTimeout(timer);
  };
}
