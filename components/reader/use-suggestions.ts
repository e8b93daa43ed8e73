"use client";

import { type RefObject, useCallback, useEffect, useMemo, useState } from "react";
import { ApiFailure, callApi } from "@/components/client/api-client";
import { usePageSettled } from "@/components/client/use-page-settled";
import { rangeForSpan } from "@/lib/anchoring/dom";
import type { AnnotationView } from "@/lib/annotations";
import type { SuggestionView } from "@/lib/suggestions";
import type { ReaderStatus } from "./annotation-sidebar";
import type { SuggestionKeyAction } from "./reader-keys";
import { shortQuote } from "./use-annotation-saving";

export type ReaderSuggestion = SuggestionView;

/** One suggestion's identity: the API decides on a suggestion by kind and span. */
export const suggestionKey = ({ kind, start, end }: Pick<SuggestionView, "kind" | "start" | "end">) =>
  `${kind}:${start}:${end}`;

interface SuggestionOptions {
  articleId: string;
  /** The rendered article text, scrolled to the suggestion gone to. */
  textRef: RefObject<HTMLElement | null>;
  /** Whether the reader codes (reviewers and editors): viewers get no suggestions. */
  enabled: boolean;
  /** An accepted suggestion's new draft annotation, to show like any other. */
  onAccepted: (annotation: AnnotationView) => void;
  onStatus: (status: ReaderStatus) => void;
}

/**
 * The suggestions room: the article's suggestions for the coder (loaded after
 * the page has settled), the current one (`n` walks them), accepting and
 * rejecting it through the API, and whether they are hidden. A decided
 * suggestion leaves the list; an accepted one's draft goes to `onAccepted`.
 * `outlined` is what the painter draws; `onKey` takes n, a and x.
 */
export function useSuggestions({ articleId, textRef, enabled, onAccepted, onStatus }: SuggestionOptions) {
  const [items, setItems] = useState<ReaderSuggestion[] | null>(null);
  const [currentKey, setCurrentKey] = useState<string | null>(null);
  const [hidden, setHidden] = useState(false);
  const [deciding, setDeciding] = useState(false);

  // They load once the page has settled: their search on the server must not compete with the first paint.
  const settled = usePageSettled();
  useEffect(() => {
    if (!enabled || !settled) return;
    let cancelled = false;
    callApi<{ items: ReaderSuggestion[] }>("GET", `/api/v1/articles/${articleId}/suggestions`).then(
      (found) => !cancelled && setItems(found.items),
      (failure: Error) => {
        if (cancelled) return;
        setItems([]);
        onStatus({ kind: "error", text: `Suggestions could not be loaded: ${failure.message}` });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [articleId, enabled, settled, onStatus]);

  const current = useMemo(() => items?.find((item) => suggestionKey(item) === currentKey) ?? null, [items, currentKey]);

  /** Makes the suggestion after the current one (the first after the last) current, and returns it. */
  const next = useCallback((): ReaderSuggestion | null => {
    if (!items || items.length === 0) return null;
    const index = current ? items.indexOf(current) : -1;
    const reached = items[(index + 1) % items.length]!;
    setCurrentKey(suggestionKey(reached));
    return reached;
  }, [items, current]);

  const decide = useCallback(
    async (item: ReaderSuggestion, decision: "accept" | "reject") => {
      if (deciding) return;
      setDeciding(true);
      const quote = shortQuote(item.exact);
      try {
        const { annotation } = await callApi<{ annotation?: AnnotationView }>("POST", "/api/v1/suggestions/decisions", {
          body: { articleId, kind: item.kind, start: item.start, end: item.end, decision },
        });
        if (annotation) onAccepted(annotation);
        onStatus({
          kind: "info",
          text: decision === "accept" ? `Accepted “${quote}” as a draft.` : `Rejected the suggestion “${quote}”.`,
        });
      } catch (failure) {
        // A suggestion no longer proposed (decided elsewhere, annotated meanwhile) leaves the list too.
        if (!(failure instanceof ApiFailure && failure.code === "not_suggested")) {
          onStatus({ kind: "error", text: (failure as Error).message });
          return;
        }
        onStatus({ kind: "info", text: `“${quote}” is no longer suggested.` });
      } finally {
        setDeciding(false);
      }
      const key = suggestionKey(item);
      const rest = (items ?? []).filter((candidate) => suggestionKey(candidate) !== key);
      setItems(rest);
      // The one that followed becomes current, so `a` and `x` can go on down the list.
      if (currentKey === key) {
        // As n does, past the last one to the first.
        const following = rest[(items ?? []).findIndex((candidate) => suggestionKey(candidate) === key)] ?? rest[0];
        setCurrentKey(following ? suggestionKey(following) : null);
      }
    },
    [articleId, items, deciding, onAccepted, onStatus, currentKey],
  );

  /** Makes a suggestion current and shown, scrolls its passage to a third of the screen, and says which it is. */
  const goTo = (item: ReaderSuggestion) => {
    setCurrentKey(suggestionKey(item));
    setHidden(false);
    const rect = textRef.current && rangeForSpan(textRef.current, item.start, item.end)?.getBoundingClientRect();
    if (rect) window.scrollBy({ top: rect.top - window.innerHeight / 3, behavior: "smooth" });
    const place = `${(items?.indexOf(item) ?? 0) + 1} of ${items?.length ?? 0}`;
    const text = `Suggestion ${place} (${item.kind}): “${shortQuote(item.exact)}”. Press a to accept, x to reject.`;
    onStatus({ kind: "info", text });
  };

  /** n, a or x (in the text or the list): true when it did something with a suggestion. */
  const onKey = (action: SuggestionKeyAction): boolean => {
    if (!items) return false;
    if (action === "next") {
      const reached = next();
      if (reached) goTo(reached);
      else onStatus({ kind: "info", text: "No suggestions for this article." });
    } else if (current) void decide(current, action);
    else onStatus({ kind: "info", text: "Press n to choose a suggestion first." });
    return true;
  };

  const outlined = useMemo(
    () =>
      hidden ? undefined : items?.map(({ start, end }, index) => ({ start, end, current: items[index] === current })),
    [items, current, hidden],
  );

  return { items, current, decide, deciding, hidden, setHidden, goTo, onKey, outlined };
}

export type Suggesting = ReturnType<typeof useSuggestions>;
