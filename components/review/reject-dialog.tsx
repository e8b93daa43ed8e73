"use client";

import { useEffect, useId, useRef, useState } from "react";

/**
 * Asks for the reason of a rejection in a modal dialog: the reason's box
 * has the focus while it is open, Escape (or Cancel) closes it without
 * rejecting, and the focus goes back where it was (the browser's <dialog>
 * does both).
 */
export function RejectDialog({
  subject,
  onReject,
  onClose,
}: {
  /** What is rejected, in words ("“40 villages were retaken”"); null: the dialog is closed. */
  subject: string | null;
  /** Rejects with the reason; resolves to an error message to show, or null when done. */
  onReject: (reason: string) => Promise<string | null>;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (subject !== null && !element.open) {
      setReason("");
      setError(null);
      element.showModal();
    } else if (subject === null && element.open) element.close();
  }, [subject]);

  async function reject() {
    if (!reason.trim()) return;
    setBusy(true);
    const failure = await onReject(reason.trim());
    setBusy(false);
    if (failure) setError(failure);
    else onClose();
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${ids}-title`}
      onClose={onClose}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg p-0 shadow-xl backdrop:bg-stone-900/40"
    >
      <form
        method="dialog"
        className="space-y-3 p-5"
        onSubmit={(event) => {
          event.preventDefault();
          void reject();
        }}
      >
        <h2 id={`${ids}-title`} className="text-lg font-semibold">
          Reject {subject}
        </h2>
        <label className="block text-sm font-medium text-stone-800">
          Reason
          <textarea
            autoFocus
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && !event.shiftKey) {
                event.preventDefault();
                void reject();
              }
            }}
            rows={3}
            required
            className="mt-1 block w-full rounded-md border border-stone-300 px-2 py-1 text-sm font-normal"
            placeholder="Why is this rejected? The author reads it."
          />
        </label>
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-2 py-1 text-sm text-red-800">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button
            type="button"
            onClick={onClose}
            className="rounded-md border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-50"
          >
            Cancel
          </button>
          <button
            type="submit"
            disabled={busy || !reason.trim()}
            className="rounded-md bg-red-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
          >
            Reject
          </button>
        </div>
      </form>
    </dialog>
  );
}
