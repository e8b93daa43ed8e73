"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ArticleText } from "@/components/articles/article-text";
import { type PackedSummaries, unpackSummaries } from "@/lib/annotation-summaries";
import type { TagView } from "@/lib/codebook";
import type { CardActions } from "./annotation-card";
import { type AnnotationFilter, type FilterFacts, matchesFilter, NO_FILTER } from "./annotation-filters";
import { AnnotationSidebar, type ReaderStatus } from "./annotation-sidebar";
import { AnnotationsHere } from "./annotations-here";
import { useTextEditing } from "./article-text-editor";
import { LiveChanges } from "./live-changes";
import { ReanchorNotice, ReattachNotice } from "./reader-notices";
import { ReaderToolbar } from "./reader-toolbar";
import type { ReaderViewer } from "./reader-viewer";
import { SelectionPopover } from "./selection-popover";
import { useAnnotationDetails } from "./use-annotation-details";
import { shortQuote, useAnnotationSaving } from "./use-annotation-saving";
import { type ReaderAnnotation, useAnnotations } from "./use-annotations";
import { LINKS_NOT_LOADED, useArticleLinks } from "./use-article-links";
import { useCardPages } from "./use-card-pages";
import { useCardRenderer } from "./use-card-renderer";
import { useCustomHighlightSupport, useHighlightPainting, useSuggestionPainting } from "./use-highlight-painting";
import { useLiveRefresh } from "./use-live-refresh";
import { NO_NOTE_MATCHES, useNoteMatches } from "./use-note-matches";
import { useShownAnnotation } from "./use-shown-annotation";
import { useSuggestions } from "./use-suggestions";
import { useTextSelection } from "./use-text-selection";
import { useUndoableRemoval, useUndoableReview } from "./use-undoable-actions";

// The suggestions' list loads after the page: the reader's first script stays small.
const SuggestionList = dynamic(() => import("./suggestion-list").then((module) => module.SuggestionList), {
  ssr: false,
});

interface ReaderProps {
  article: { id: string; projectId: string; text: string; revision: number };
  /** What the page sends of each annotation (packed small); notes and links load after the highlights show. */
  annotations: PackedSummaries;
  codebook: TagView[];
  viewer: ReaderViewer;
}

/**
 * The article page's reading and annotating surface. It wires the rooms
 * together: the selection (use-text-selection), the painting
 * (use-highlight-painting), the live refresh (use-live-refresh) and the
 * sidebar (annotation-sidebar), around the annotations they share.
 */
export function ArticleReader({ article, annotations: packedAnnotations, codebook, viewer }: ReaderProps) {
  const textRef = useRef<HTMLDivElement>(null);
  const surfaceRef = useRef<HTMLDivElement>(null);
  const initialAnnotations = useMemo(() => unpackSummaries(packedAnnotations), [packedAnnotations]);
  const { details, remember, load: loadDetails } = useAnnotationDetails(article.id);
  const { annotations, conflicts, create, update, remove, reload, adopt } = useAnnotations(
    article.id,
    initialAnnotations,
    remember,
  );
  const [filter, setFilter] = useState<AnnotationFilter>(NO_FILTER);
  const [reattachId, setReattachId] = useState<string | null>(null);
  const [status, setStatus] = useState<ReaderStatus | null>(null);
  const customHighlights = useCustomHighlightSupport();
  const suggesting = useSuggestions({
    articleId: article.id,
    textRef,
    enabled: viewer.canCreate,
    onAccepted: adopt,
    onStatus: setStatus,
  });
  const removeUndoably = useUndoableRemoval(remove, reload, setStatus);
  const updateUndoably = useUndoableReview(update, reload, setStatus);

  const anchored = useMemo(() => annotations.filter((annotation) => annotation.anchor !== "orphaned"), [annotations]);
  const orphans = useMemo(() => annotations.filter((annotation) => annotation.anchor === "orphaned"), [annotations]);
  // The links and the notes matching the filter's text arrive after the page (their hooks need what follows).
  const [linksKnown, setLinksKnown] = useState<FilterFacts["linksOf"]>(() => LINKS_NOT_LOADED);
  const [noteMatches, setNoteMatches] = useState(NO_NOTE_MATCHES);
  const ownDrafts = annotations.filter(
    (annotation) => annotation.author.id === viewer.id && annotation.status === "DRAFT" && !annotation.pending,
  ).length;
  const reattaching = annotations.find((annotation) => annotation.id === reattachId);
  /** An annotation's passage: the text's, where it is anchored; an orphan's from its details, once loaded. */
  const quoteOf = useCallback(
    (annotation: ReaderAnnotation) =>
      annotation.anchor === "orphaned"
        ? details.get(annotation.id)?.exact
        : article.text.slice(annotation.start, annotation.end),
    [details, article.text],
  );

  const shown = useMemo(
    () =>
      anchored.filter((annotation) => matchesFilter(annotation, filter, { quoteOf, linksOf: linksKnown, noteMatches })),
    [anchored, filter, quoteOf, linksKnown, noteMatches],
  );
  const cards = useCardPages(shown);
  const focus = useShownAnnotation(textRef, annotations, cards.reveal, customHighlights !== null);
  const selecting = useTextSelection({
    textRef,
    surfaceRef,
    text: article.text,
    annotations: shown,
    activeId: focus.activeId,
    canSelect: viewer.canCreate || reattachId !== null,
    onEscape: () => setReattachId(null),
    onSuggestionKey: suggesting.onKey,
    onJump: (annotation, direction) =>
      annotation
        ? cardActions.show(annotation.id)
        : setStatus({ kind: "info", text: `No annotation ${direction === "forward" ? "after" : "before"} the caret.` }),
  });
  const { selection, closeSelection, covering, hideCovering, caret } = selecting;
  const editing = useTextEditing(article, () => selecting.setSelection(null));
  const liveChanges = useLiveRefresh(article.id, selecting.dragging);
  // What the highlights do not need (the claims' links, the cards' notes, the cards beyond a screenful) is asked
  // for once they have painted: its requests and rendering do not compete with the first paint.
  const [painted, setPainted] = useState(false);
  const { listMore } = cards;
  const onPainted = useCallback(() => {
    setPainted(true);
    listMore();
  }, [listMore]);
  const { linksOf, replaceLinksOf, addLink } = useArticleLinks(article.id, liveChanges, painted);
  useEffect(() => setLinksKnown(() => linksOf), [linksOf]);
  const matchingNotes = useNoteMatches(article.projectId, article.id, filter.text, liveChanges);
  useEffect(() => setNoteMatches(matchingNotes), [matchingNotes]);

  const paintState = { selectedId: focus.activeId, flashId: focus.flashId, caret };
  const painting = useHighlightPainting({
    textRef,
    text: article.text,
    annotations: shown,
    draft: selection,
    state: paintState,
    customHighlights,
    paused: editing.editing,
    onPainted,
  });
  useSuggestionPainting(textRef, article.text, suggesting.outlined, editing.editing);
  // The text's thousands of paragraphs render again only when it or its wrapper marks change, not on every caret move.
  const articleText = useMemo(
    () => <ArticleText text={article.text} renderLine={painting.renderLine} />,
    [article.text, painting.renderLine],
  );

  const { show } = focus;
  const cardActions = useMemo<CardActions>(
    () => ({
      show: (id) => {
        hideCovering();
        show(id);
      },
      reattach: (id) => {
        setReattachId(id);
        setStatus(null);
        textRef.current?.focus();
      },
      update: updateUndoably,
      remove: removeUndoably,
      reload,
      setLinks: replaceLinksOf,
    }),
    [hideCovering, show, updateUndoably, removeUndoably, reload, replaceLinksOf],
  );
  const saving = useAnnotationSaving({
    projectId: article.projectId,
    codebook,
    author: { id: viewer.id, name: viewer.name },
    create,
    update,
    addLink,
    onStatus: setStatus,
    onStored: closeSelection,
    onReattached: () => setReattachId(null),
  });
  const { renderCard, discussion } = useCardRenderer({
    projectId: article.projectId,
    viewer,
    codebook,
    details,
    conflicts,
    quoteOf,
    linksOf,
    actions: cardActions,
    activeId: focus.activeId,
    reattachId,
    threadId: focus.threadId,
  });
  // The notes of the cards listed (and the orphans' quotes) load as the cards are listed, after the first paint.
  useEffect(() => {
    if (!painted) return;
    loadDetails(cards.listed);
    loadDetails(orphans);
  }, [painted, loadDetails, cards.listed, orphans]);

  return (
    <LiveChanges.Provider value={liveChanges}>
      <div className="lg:grid lg:grid-cols-[minmax(0,1fr)_22rem] lg:gap-8">
        <style>{painting.styles}</style>
        <section aria-label="Article text" className="min-w-0">
          <ReaderToolbar
            articleId={article.id}
            canCreate={viewer.canCreate}
            canAdjudicate={viewer.canEditAny}
            onEditText={viewer.canEditText && !editing.editing ? editing.open : null}
          />
          {editing.report && <ReanchorNotice report={editing.report} />}
          {reattaching && (
            <ReattachNotice quote={shortQuote(quoteOf(reattaching) ?? "…")} onCancel={() => setReattachId(null)} />
          )}
          {editing.editor || (
            <div ref={surfaceRef} className="relative">
              {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole: its label tells the keys that select in it. */}
              <div
                ref={textRef}
                // biome-ignore lint/a11y/noNoninteractiveTabindex: the caret keys select in the focused text.
                tabIndex={0}
                aria-label={
                  "Article text: use Shift+arrow keys to select, Enter to tag the selection or list the annotations " +
                  "at the caret, ] and [ to go to the next or previous annotation, n to the next suggestion"
                }
                {...selecting.textHandlers}
                className={`reader-text rounded-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-300
                  focus-visible:ring-offset-8`}
                data-testid="reader-text"
              >
                {articleText}
              </div>
              {selection && (
                <SelectionPopover
                  projectId={article.projectId}
                  articleId={article.id}
                  key={`${selection.start}-${selection.end}`}
                  selection={selection}
                  codebook={codebook}
                  reattaching={reattaching ? { quote: quoteOf(reattaching) ?? "…" } : null}
                  onSave={(tagIds, note, link) => saving.saveSelection(selection, tagIds, note, link)}
                  onReattach={() => saving.reattach(reattaching, selection)}
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
                  onShow={cardActions.show}
                />
              )}
            </div>
          )}
        </section>
        <AnnotationSidebar
          articleId={article.id}
          anchored={anchored}
          shown={shown}
          cards={cards}
          orphans={orphans}
          filter={filter}
          onFilter={setFilter}
          status={status}
          onStatus={setStatus}
          ownDrafts={ownDrafts}
          codesBlind={viewer.codesBlind}
          renderCard={renderCard}
          suggestions={viewer.canCreate && <SuggestionList suggesting={suggesting} />}
        />
      </div>
    </LiveChanges.Provider>
  );
}
