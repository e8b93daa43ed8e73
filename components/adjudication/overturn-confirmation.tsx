"use client";

import { useEffect, useRef } from "react";
import type { Overturn } from "@/lib/review/overturn-rules";

/**
 * Asked before a decision on a settled unit takes effect: what it would
 * overturn, in words. Focus starts on "Keep", so that a stray key cannot
 * confirm it; Escape keeps the decision too.
 */
export function OverturnConfirmation({
  overturns,
  onConfirm,
  onKeep,
}: {
  overturns: Overturn[];
  onConfirm: () => void;
  onKeep: () => void;
}) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div
      role="alertdialog"
      aria-labelledby="overturn-question"
      aria-describedby="overturn-details"
      data-testid="overturn-confirmation"
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === "Escape") onKeep();
      }}
      className="mb-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950"
    >
      <p id="overturn-question" className="font-medium">
        This unit is already settled. Overturn the decision?
      </p>
      <ul id="overturn-details" className="ml-4 list-disc">
        {overturns.map((overturn) => (
          <li key={overturn.annotationId}>{overturn.message}</li>
        ))}
      </ul>
      <div className="mt-2 flex flex-wrap gap-2">
        <button
          type="button"
          onClick={onConfirm}
          className="rounded-md bg-red-700 px-2 py-0.5 text-xs font-medium text-white hover:bg-red-800"
        >
          Overturn
        </button>
        <button
          ref={keep}
          type="button"
          onClick={onKeep}
          className="rounded-md border border-stone-400 bg-white px-2 py-0.5 text-xs font-medium hover:bg-stone-50"
        >
          Keep the decision
        </button>
      </div>
    </div>
  );
}
