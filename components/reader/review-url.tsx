"use client";

import { useState } from "react";
import type { AnnotationChanges } from "./use-annotations";

const button = "rounded-md border px-2 py-0.5 text-xs font-medium";

/**
 * Where an editor publishes a claim's review when not at the project's template address (Settings → Publishing): the
 * ClaimReview export's `url` for it. Shown to editors only; empty clears it.
 */
export function ReviewUrlControl({
  reviewUrl,
  subject,
  onChange,
}: {
  /** The claim's own review URL; undefined while its details load. */
  reviewUrl: string | null | undefined;
  /** Names the annotation in the controls' accessible names (accessible-names). */
  subject: string;
  onChange: (changes: AnnotationChanges) => Promise<boolean>;
}) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState("");
  const [saving, setSaving] = useState(false);

  if (!editing) {
    return (
      <p className="mt-1 flex flex-wrap items-center gap-x-2 text-xs text-stone-600">
        {reviewUrl && (
          <span className="min-w-0 break-all">
            Review:{" "}
            <a href={reviewUrl} target="_blank" rel="noreferrer noopener" className="text-indigo-700 underline">
              {reviewUrl}
            </a>
          </span>
        )}
        <button
          type="button"
          disabled={reviewUrl === undefined}
          aria-label={`${reviewUrl ? "Change the review URL of" : "Set a review URL for"} ${subject}`}
          onClick={() => {
            setValue(reviewUrl ?? "");
            setEditing(true);
          }}
          className="font-medium text-indigo-700 hover:underline disabled:opacity-50"
        >
          {reviewUrl ? "Change review URL" : "Set review URL"}
        </button>
      </p>
    );
  }

  async function save() {
    setSaving(true);
    try {
      if (await onChange({ reviewUrl: value.trim() || null })) setEditing(false);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="mt-2 space-y-1"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <input
        type="url"
        aria-label={`Review URL of ${subject}`}
        placeholder="https://factcheck.example.org/…"
        value={value}
        onChange={(event) => setValue(event.target.value)}
        className="w-full rounded-md border border-stone-300 px-2 py-1 text-sm"
      />
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={saving}
          className={`${button} border-indigo-600 bg-indigo-600 text-white disabled:opacity-50`}
        >
          {saving ? "Saving…" : "Save review URL"}
        </button>
        <button type="button" onClick={() => setEditing(false)} className={`${button} border-stone-300`}>
          Cancel
        </button>
      </div>
    </form>
  );
}
