"use client";

import { useState } from "react";

/**
 * A destructive action asked twice: its button turns into the question, "Yes, delete" (or `confirmLabel`) and "Keep".
 */
export function ConfirmButton({
  label,
  question,
  onConfirm,
  className,
  confirmLabel = "Yes, delete",
  disabled = false,
  subject,
}: {
  label: string;
  question: string;
  onConfirm: () => Promise<unknown>;
  className: string;
  confirmLabel?: string;
  disabled?: boolean;
  /**
   * What it acts on, completing its buttons' accessible names where a page repeats them
   * ("Delete" → "Delete annotation “…”").
   */
  subject?: string;
}) {
  const named = (text: string, joiner = " ") => (subject ? `${text}${joiner}${subject}` : undefined);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        disabled={disabled}
        onClick={() => setAsking(true)}
        className={className}
        aria-label={named(label)}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-1 text-xs">
      {question}
      <button
        type="button"
        disabled={busy}
        aria-label={named(confirmLabel, ": ")}
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
        className="rounded-md bg-red-600 px-2 py-0.5 font-medium text-white hover:bg-red-700 disabled:opacity-50"
      >
        {confirmLabel}
      </button>
      <button
        type="button"
        onClick={() => setAsking(false)}
        className="rounded-md px-2 py-0.5 hover:bg-stone-100"
        aria-label={named("Keep", ": ")}
      >
        Keep
      </button>
    </span>
  );
}
