"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiFailure, callApi } from "@/components/client/api-client";
import { ActionMessage, type ActionMessageState } from "@/components/ui/action-message";
import { clipText } from "@/lib/anchoring";
import type { AnnotationView } from "@/lib/annotations";
import type { ProjectAnnotation } from "@/lib/review/queue";
import { RejectDialog } from "./reject-dialog";
import { isTyping, QueueRow } from "./queue-row";

const quoteOf = (item: ProjectAnnotation) => `“${clipText(item.exact, 60)}”`;

/** Whether the annotation still waits for a decision (the only kind the queue acts on). */
const waiting = (item: ProjectAnnotation | undefined): item is ProjectAnnotation => item?.status === "SUBMITTED";

/**
 * The review queue: the submitted annotations in rows, worked by keyboard
 * (`j`/`k` move, `x` selects, `a` approves, `r` rejects with a reason, `o`
 * opens the reader) or by the rows' buttons; the selected ones are approved
 * together. A decided row stays in place with its new status and no actions.
 */
export function ReviewQueue({ items: initial, canReview }: { items: ProjectAnnotation[]; canReview: boolean }) {
  const [items, setItems] = useState(initial);
  const [current, setCurrent] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [rejecting, setRejecting] = useState<ProjectAnnotation | null>(null);
  const [message, setMessage] = useState<ActionMessageState | null>(null);
  const rows = useRef<(HTMLLIElement | null)[]>([]);

  useEffect(() => setItems(initial), [initial]);

  const moveTo = useCallback(
    (index: number) => {
      const next = Math.max(0, Math.min(items.length - 1, index));
      setCurrent(next);
      rows.current[next]?.focus();
    },
    [items.length],
  );

  /** Changes one annotation's status; the error's message, or null when done. */
  const decide = useCallback(async (item: ProjectAnnotation, changes: { status: string; reviewNote?: string }) => {
    try {
      const saved = await callApi<AnnotationView>("PATCH", `/api/v1/annotations/${item.id}`, {
        body: changes,
        version: item.version,
      });
      setItems((all) => all.map((one) => (one.id === item.id ? { ...one, ...saved } : one)));
      setSelected((chosen) => new Set([...chosen].filter((id) => id !== item.id)));
      return null;
    } catch (failure) {
      const text =
        failure instanceof ApiFailure && failure.status === 412
          ? `${quoteOf(item)} was changed meanwhile: reload the page to see it as it is now.`
          : (failure as Error).message;
      return text;
    }
  }, []);

  const approve = useCallback(
    async (targets: ProjectAnnotation[]) => {
      const open = targets.filter(waiting);
      if (open.length === 0) return;
      const failures = (await Promise.all(open.map((item) => decide(item, { status: "APPROVED" })))).filter(Boolean);
      const approved = open.length - failures.length;
      setMessage(
        failures.length > 0
          ? { kind: "error", text: `Approved ${approved} of ${open.length}. ${failures.join(" ")}` }
          : { kind: "ok", text: approved === 1 ? `Approved ${quoteOf(open[0]!)}.` : `Approved ${approved}.` },
      );
    },
    [decide],
  );

  const openInReader = useCallback((item: ProjectAnnotation) => {
    window.location.assign(`/articles/${item.articleId}#annotation-${item.id}`);
  }, []);

  const toggle = useCallback((id: string) => {
    setSelected((chosen) => {
      const next = new Set(chosen);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || rejecting) return;
      if (isTyping(event.target)) return;
      const item = items[current];
      const actions: Record<string, () => void> = {
        j: () => moveTo(current + 1),
        k: () => moveTo(current - 1),
        o: () => item && openInReader(item),
        x: () => item && waiting(item) && toggle(item.id),
        a: () => canReview && item && void approve([item]),
        r: () => canReview && waiting(item) && setRejecting(item),
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    }
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [items, current, rejecting, canReview, moveTo, openInReader, toggle, approve]);

  const chosen = items.filter((item) => selected.has(item.id) && waiting(item));

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        {canReview && (
          <button
            type="button"
            disabled={chosen.length === 0}
            onClick={() => void approve(chosen)}
            className={`rounded-md bg-emerald-700 px-3 py-1.5 font-medium text-white shadow-xs hover:bg-emerald-600
              disabled:opacity-50`}
          >
            Approve selected ({chosen.length})
          </button>
        )}
        <p className="text-xs text-stone-600">
          Keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>x</kbd> select
          {canReview && (
            <>
              , <kbd>a</kbd> approve, <kbd>r</kbd> reject
            </>
          )}
          , <kbd>o</kbd> open in the reader
        </p>
      </div>
      <ActionMessage message={message} />
      <ol className="space-y-2" aria-label="Annotations waiting for review" data-testid="review-queue">
        {items.map((item, index) => (
          <QueueRow
            key={item.id}
            ref={(element) => {
              rows.current[index] = element;
            }}
            item={item}
            current={index === current}
            selected={selected.has(item.id)}
            canReview={canReview}
            onFocus={() => setCurrent(index)}
            onToggle={() => toggle(item.id)}
            onApprove={() => void approve([item])}
            onReject={() => setRejecting(item)}
          />
        ))}
      </ol>
      <RejectDialog
        subject={rejecting && quoteOf(rejecting)}
        onReject={async (reason) => {
          const failure = rejecting && (await decide(rejecting, { status: "REJECTED", reviewNote: reason }));
          if (!failure && rejecting) setMessage({ kind: "ok", text: `Rejected ${quoteOf(rejecting)}.` });
          return failure;
        }}
        onClose={() => {
          setRejecting(null);
          rows.current[current]?.focus();
        }}
      />
    </div>
  );
}
