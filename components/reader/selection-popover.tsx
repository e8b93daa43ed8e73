"use client";

import { FormError } from "@/components/ui/form";
import { useEffect, useRef, useState } from "react";
import type { TagView } from "@/lib/codebook";
import { EventChoice, type LinkDraft } from "./event-links";
import { TagPicker } from "./tag-picker";

/** A selected passage of the article text, and where its popover goes. */
export interface TextSelection {
  start: number;
  end: number;
  exact: string;
  top: number;
  left: number;
}

interface SelectionPopoverProps {
  projectId: string;
  selection: TextSelection;
  codebook: TagView[];
  /** An orphaned annotation to attach to the selection instead of creating a new one. */
  reattaching: { quote: string } | null;
  onSave: (tagIds: string[], note: string, link: LinkDraft | null) => Promise<void>;
  onReattach: () => Promise<void>;
  onCancel: () => void;
}

/** The panel under a selection: tag it (tags, note, Enter), or confirm a re-attachment. */
export function SelectionPopover({
  projectId,
  selection,
  codebook,
  reattaching,
  onSave,
  onReattach,
  onCancel,
}: SelectionPopoverProps) {
  const [tagIds, setTagIds] = useState<string[]>([]);
  const [link, setLink] = useState<LinkDraft | null>(null);
  const [note, setNote] = useState("");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (reattaching) confirmRef.current?.focus();
  }, [reattaching]);

  async function run(action: () => Promise<void>) {
    setSaving(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(`Not saved: ${(failure as Error).message}`);
      setSaving(false);
    }
  }

  return (
    <div
      data-parallax-ui
      role="dialog"
      aria-label={reattaching ? "Re-attach annotation" : "Tag the selected passage"}
      style={{ top: selection.top, left: selection.left }}
      className="absolute z-30 w-[22rem] max-w-full rounded-lg border border-stone-200 bg-white p-3 shadow-xl"
      onKeyDown={(event) => event.key === "Escape" && onCancel()}
    >
      <p className="mb-2 line-clamp-2 text-xs text-stone-600" dir="auto">
        <span className="font-semibold text-stone-800">{reattaching ? "New passage: " : "Selected: "}</span>“
        {selection.exact}”
      </p>
      {reattaching ? (
        <div className="space-y-2">
          <p className="text-xs text-stone-600" dir="auto">
            Was: “{reattaching.quote}”
          </p>
          <FormError message={error ?? undefined} />
          <div className="flex gap-2">
            <button
              ref={confirmRef}
              type="button"
              disabled={saving}
              onClick={() => run(onReattach)}
              className={`rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700
                disabled:opacity-60`}
            >
              {saving ? "Saving…" : "Attach here"}
            </button>
            <button
              type="button"
              onClick={onCancel}
              className="rounded-md px-3 py-1.5 text-sm text-stone-700 hover:bg-stone-100"
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <>
          <TagPicker
            label="Tags and note for the selected passage"
            codebook={codebook}
            selectedIds={tagIds}
            onToggle={(id) =>
              setTagIds((current) =>
                current.includes(id) ? current.filter((tagId) => tagId !== id) : [...current, id],
              )
            }
            note={note}
            onNoteChange={setNote}
            onSave={() => run(() => onSave(tagIds, note, link))}
            onCancel={onCancel}
            saving={saving}
            error={error}
            saveLabel="Save annotation"
          />
          <details className="mt-3 border-t border-stone-100 pt-2 text-sm">
            <summary className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-stone-500">
              Link to an event {link && <span className="normal-case text-indigo-700">· {link.event.title}</span>}
            </summary>
            <div className="mt-2">
              <EventChoice projectId={projectId} onChange={setLink} />
            </div>
          </details>
        </>
      )}
    </div>
  );
}
