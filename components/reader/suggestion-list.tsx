"use client";

import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { TagChips } from "@/components/ui/tag-chips";
import { suggestionKeyAction } from "./reader-keys";
import { type Suggesting, suggestionKey } from "./use-suggestions";

/** The two buttons of each suggestion, what `a` and `x` do. */
const DECISIONS = [
  { decision: "accept", label: "Accept", colors: "border-emerald-700 text-emerald-800 hover:bg-emerald-50" },
  { decision: "reject", label: "Reject", colors: "border-stone-400 text-stone-700 hover:bg-stone-100" },
] as const;

/** How many suggestions are listed before "Show more" (the current one always is). */
const PAGE = 10;

interface SuggestionListProps {
  suggesting: Suggesting;
}

/**
 * The sidebar's "Suggestions" section: each suggestion with its kind, passage,
 * tags, reason and score, and buttons to go to, accept or reject it (what
 * `n`, `a` and `x` do from the text), and a switch to hide them all.
 */
export function SuggestionList({ suggesting }: SuggestionListProps) {
  const { items, current, hidden, setHidden, decide, deciding, goTo } = suggesting;
  const [listed, setListed] = useState(PAGE);
  const listRef = useRef<HTMLUListElement>(null);
  const currentIndex = current && items ? items.indexOf(current) : -1;
  const shownCount = Math.max(listed, currentIndex + 1);

  // The current one scrolled into view within the sidebar's own scrolling (wide screens), never the page.
  useEffect(() => {
    const item = current && listRef.current?.querySelector<HTMLElement>(`[data-key="${suggestionKey(current)}"]`);
    const scroller = item?.closest<HTMLElement>("[data-sidebar-scroller]");
    if (!item || !scroller || scroller.scrollHeight <= scroller.clientHeight) return;
    const [box, view] = [item.getBoundingClientRect(), scroller.getBoundingClientRect()];
    if (box.top < view.top) scroller.scrollTop -= view.top - box.top;
    else if (box.bottom > view.bottom) scroller.scrollTop += box.bottom - view.bottom;
  }, [current]);

  if (!items) return null;
  /** n, a and x work in the list as in the text. */
  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    const action = suggestionKeyAction(event);
    if (action && suggesting.onKey(action)) event.preventDefault();
  }

  return (
    <section aria-labelledby="suggestions-heading" className="border-t border-stone-200 pt-3" onKeyDown={onKeyDown}>
      <div className="flex items-center justify-between gap-2">
        <h2 id="suggestions-heading" className="text-sm font-semibold text-stone-800">
          Suggestions <span className="font-normal text-stone-500">({items.length})</span>
        </h2>
        <button
          type="button"
          aria-pressed={hidden}
          onClick={() => setHidden(!hidden)}
          className="rounded-md px-2 py-0.5 text-xs text-stone-700 underline underline-offset-2 hover:bg-stone-100"
        >
          {hidden ? "Show in the text" : "Hide in the text"}
        </button>
      </div>
      {items.length === 0 ? (
        <p className="text-sm text-stone-500">None for this article now.</p>
      ) : (
        <p className="text-xs text-stone-500">
          Dashed in the text. Keys in the text: <kbd>n</kbd> next, <kbd>a</kbd> accept, <kbd>x</kbd> reject.
        </p>
      )}
      <ul ref={listRef} className="mt-2 space-y-2" data-testid="suggestion-list">
        {items.slice(0, shownCount).map((item) => {
          const isCurrent = item === current;
          const key = suggestionKey(item);
          return (
            <li
              key={key}
              data-key={key}
              aria-current={isCurrent ? "true" : undefined}
              className={`rounded-md border border-dashed bg-white p-2 text-sm ${
                isCurrent ? "border-orange-800 ring-1 ring-orange-800" : "border-stone-300"
              }`}
            >
              <p className="flex items-baseline justify-between gap-2 text-xs text-stone-600">
                <span className="font-medium uppercase tracking-wide">
                  {item.kind === "phrase" ? "Phrase" : "Claim"}
                </span>
                <span>score {Math.round(item.score * 100)}%</span>
              </p>
              <button
                type="button"
                onClick={() => goTo(item)}
                aria-label={`Go to the suggestion “${item.exact}”`}
                className="mt-1 block w-full text-left break-words text-stone-900 hover:underline"
              >
                “{item.exact}”
              </button>
              {item.tags.length > 0 && <TagChips tags={item.tags} className="mt-1" />}
              <p className="mt-1 text-xs text-stone-600">{item.reason}</p>
              <div className="mt-2 flex gap-2">
                {DECISIONS.map(({ decision, label, colors }) => (
                  <button
                    key={decision}
                    type="button"
                    disabled={deciding}
                    onClick={() => decide(item, decision)}
                    aria-label={`${label} “${item.exact}”`}
                    className={`rounded-md border px-2.5 py-1 text-xs font-medium disabled:opacity-50 ${colors}`}
                  >
                    {label}
                  </button>
                ))}
              </div>
            </li>
          );
        })}
      </ul>
      {items.length > shownCount && (
        <button
          type="button"
          onClick={() => setListed(shownCount + PAGE)}
          className={`mt-2 w-full rounded-md border border-stone-200 bg-white px-3 py-1.5 text-sm text-stone-700
            hover:bg-stone-50`}
        >
          Show more suggestions ({items.length - shownCount} not shown yet)
        </button>
      )}
    </section>
  );
}
