"use client";

import { useState } from "react";
import { ShortTextForm } from "./short-text-form";
import type { AnnotationChanges, ReaderAnnotation } from "./use-annotations";

const button = "rounded-md border px-2 py-0.5 text-xs font-medium";

/**
 * Said where someone who may not review changes an approved annotation (its tags, note or span, or its links to
 * events).
 */
export function BackToReviewNotice() {
  return (
    <p className="rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900">
      An editor approved this annotation: a change sends it back for review.
    </p>
  );
}

/**
 * The review step of one annotation, offering only what its status allows:
 * its author submits a draft (or withdraws a submitted one), an editor
 * approves a draft or a submitted one, or rejects one with a reason. A
 * rejection is a decision: a rejected annotation offers neither Approve nor
 * Submit. The card keys it on the status, so a change of status (made here
 * or arriving live) closes an open reject form.
 */
export function ReviewControls({
  annotation,
  subject,
  isAuthor,
  canReview,
  onChange,
}: {
  annotation: ReaderAnnotation;
  /** Names the annotation in the buttons' accessible names (accessible-names). */
  subject: string;
  isAuthor: boolean;
  canReview: boolean;
  onChange: (changes: AnnotationChanges) => void;
}) {
  const decided = annotation.status === "APPROVED" || annotation.status === "REJECTED";
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const { status } = annotation;

  if (rejecting) {
    return (
      <ShortTextForm
        className="mt-2 space-y-1"
        label={`Reason for rejecting ${subject}`}
        placeholder="Why is this rejected?"
        value={reason}
        onChange={setReason}
        send={{
          text: "Reject",
          label: `Reject ${subject}`,
          onClick: () => onChange({ status: "REJECTED", reviewNote: reason }),
          className: `${button} border-red-300 bg-red-600 text-white disabled:opacity-50`,
        }}
      >
        <button
          type="button"
          aria-label={`Cancel rejecting ${subject}`}
          onClick={() => setRejecting(false)}
          className="px-2 py-0.5 text-xs"
        >
          Cancel
        </button>
      </ShortTextForm>
    );
  }
  return (
    <div className="mt-2 flex flex-wrap gap-2">
      {isAuthor && status === "DRAFT" && (
        <button
          type="button"
          aria-label={`Submit for review: ${subject}`}
          onClick={() => onChange({ status: "SUBMITTED" })}
          className={`${button} border-indigo-300 text-indigo-800 hover:bg-indigo-50`}
        >
          Submit for review
        </button>
      )}
      {isAuthor && status === "SUBMITTED" && (
        <button
          type="button"
          aria-label={`Withdraw ${subject}`}
          onClick={() => onChange({ status: "DRAFT" })}
          className={`${button} border-stone-300 hover:bg-stone-50`}
        >
          Withdraw
        </button>
      )}
      {canReview && !decided && (
        <button
          type="button"
          aria-label={`Approve ${subject}`}
          onClick={() => onChange({ status: "APPROVED" })}
          className={`${button} border-emerald-300 text-emerald-800 hover:bg-emerald-50`}
        >
          Approve
        </button>
      )}
      {canReview && status !== "REJECTED" && (
        <button
          type="button"
          aria-label={`Reject ${subject}…`}
          onClick={() => setRejecting(true)}
          className={`${button} border-red-300 text-red-700 hover:bg-red-50`}
        >
          Reject…
        </button>
      )}
    </div>
  );
}
