"use client";

import Link from "@/components/ui/link";
import type { Ref } from "react";
import { annotationSubject } from "@/components/reader/accessible-names";
import { formatMoment } from "@/components/ui/format";
import { TagChips } from "@/components/ui/tag-chips";
import { clipText } from "@/lib/anchoring";
import type { ProjectAnnotation } from "@/lib/review/queue";

/** How much of a long quote a row shows. */
const QUOTE_LIMIT = 280;

/** Keys typed into a field are the field's, not the queue's. */
export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

const button = "rounded-md border px-2 py-0.5 text-xs font-medium";

/** One annotation of the review queue: its quote in context, tags, note, discussion, and what may be done with it. */
export function QueueRow({
  ref,
  item,
  current,
  selected,
  canReview,
  onFocus,
  onToggle,
  onApprove,
  onReject,
}: {
  ref: Ref<HTMLLIElement>;
  item: ProjectAnnotation;
  /** The row the keys act on (the one focusable by Tab). */
  current: boolean;
  selected: boolean;
  canReview: boolean;
  onFocus: () => void;
  onToggle: () => void;
  onApprove: () => void;
  onReject: () => void;
}) {
  const subject = annotationSubject(item.exact, item);
  const waiting = item.status === "SUBMITTED";
  const comments = item.commentCount === 1 ? "1 comment" : `${item.commentCount} comments`;
  return (
    <li
      ref={ref}
      tabIndex={current ? 0 : -1}
      onFocus={(event) => event.target === event.currentTarget && onFocus()}
      aria-current={current ? "true" : undefined}
      aria-label={subject}
      data-testid="queue-row"
      data-status={item.status}
      className={`flex gap-3 rounded-lg border bg-white p-3 text-sm shadow-xs outline-none
        focus-visible:ring-2 focus-visible:ring-indigo-300 ${current ? "border-indigo-400" : "border-stone-200"}`}
    >
      {canReview && (
        <input
          type="checkbox"
          aria-label={`Select ${subject}`}
          checked={selected}
          disabled={!waiting}
          onChange={onToggle}
          onFocus={onFocus}
          className="mt-1 size-4 shrink-0"
        />
      )}
      <div className="min-w-0 flex-1 space-y-1.5">
        <p dir="auto" className="break-words font-serif text-stone-500 [unicode-bidi:plaintext]">
          {item.prefix && (
            // The context starts the text where the quote stands near its start.
            <span>
              {item.start > item.prefix.length && "…"}
              {item.prefix}
            </span>
          )}
          <mark className="rounded bg-amber-100 px-0.5 text-stone-900">{clipText(item.exact, QUOTE_LIMIT)}</mark>
          {item.suffix && <span>{item.suffix}…</span>}
        </p>
        {item.tags.length > 0 && <TagChips tags={item.tags} />}
        {item.note && (
          <p dir="auto" className="whitespace-pre-wrap break-words text-stone-700">
            {item.note}
          </p>
        )}
        <p className="flex flex-wrap gap-x-1 text-xs text-stone-600">
          <span>{item.author.name}</span>
          <span>· {item.article.source ?? "No outlet"}</span>
          <span className="min-w-0 break-words">· {item.article.title}</span>
          <span>· made {formatMoment(item.createdAt)}</span>
          <span data-testid="comment-count">· {comments}</span>
        </p>
        {item.status === "APPROVED" && <p className="text-xs font-medium text-emerald-800">Approved</p>}
        {item.status === "REJECTED" && (
          <p className="rounded-md bg-red-50 px-2 py-1 text-xs text-red-800">Rejected: {item.reviewNote}</p>
        )}
        <div className="flex flex-wrap gap-2">
          {canReview && waiting && (
            <>
              <button
                type="button"
                aria-label={`Approve ${subject}`}
                onClick={onApprove}
                onFocus={onFocus}
                className={`${button} border-emerald-300 text-emerald-800 hover:bg-emerald-50`}
              >
                Approve
              </button>
              <button
                type="button"
                aria-label={`Reject ${subject}…`}
                onClick={onReject}
                onFocus={onFocus}
                className={`${button} border-red-300 text-red-700 hover:bg-red-50`}
              >
                Reject…
              </button>
            </>
          )}
          <Link
            href={`/articles/${item.articleId}#annotation-${item.id}`}
            onFocus={onFocus}
            className={`${button} border-stone-300 text-stone-800 hover:bg-stone-50`}
          >
            Open in the reader
          </Link>
        </div>
      </div>
    </li>
  );
}
