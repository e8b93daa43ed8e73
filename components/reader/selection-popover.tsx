"use client";

import { FormError } from "@/components/ui/form";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";
import type { TagView } from "@/lib/codebook";
import { EventChoice, type LinkDraft } from "./event-links";
import { type PanelAnchor, type PanelPlacement, placePanel } from "./popover-placement";
import { TagPicker } from "./tag-picker";
import { useTagRanking } from "./use-tag-ranking";

/** A selected passage of the article text, and where its popover may go. */
export interface TextSelection extends PanelAnchor {
  start: number;
  end: number;
  exact: string;
}

interface SelectionPopoverProps {
  projectId: string;
  articleId: string;
  selection: TextSelection;
  codebook: TagView[];
  /** An orphaned annotation to attach to the selection instead of creating a new one. */
  reattaching: { quote: string } | null;
  onSave: (tagIds: string[], note: string, link: LinkDraft | null) => Promise<void>;
  onReattach: () => Promise<void>;
  onCancel: () => void;
}

/** The panel's padding, top and bottom (p-3). */
const PADDING = 24;

/** The panel under a selection: tag it (tags, note, Enter), or confirm a re-attachment. */
export function SelectionPopover({
  projectId,
  articleId,
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
  // Shown at once; the likely tags move first when the ranking arrives.
  const likelyIds = useTagRanking(articleId, selection.start, selection.end, !reattaching);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const [placement, setPlacement] = useState<PanelPlacement>({
    top: selection.top,
    left: selection.left,
    maxHeight: undefined,
  });

  // Fits the window: placed before it is painted, and again when its content grows (the event section) or the
  // window changes.
  useLayoutEffect(() => {
    const panel = panelRef.current!;
    // From the observer and the window's events, rendered at once: no frame shows the old place with the new size.
    const place = (render: (update: () => void) => void = flushSync) => {
      const surface = (panel.offsetParent ?? document.body).getBoundingClientRect();
      const border = panel.offsetHeight - panel.clientHeight;
      const size = { height: contentRef.current!.offsetHeight + border + PADDING, width: panel.offsetWidth };
      const next = placePanel(selection, surface, size, {
        width: document.documentElement.clientWidth,
        height: window.innerHeight,
      });
      render(() =>
        setPlacement((current) =>
          current.top === next.top && current.left === next.left && current.maxHeight === next.maxHeight
            ? current
            : next,
        ),
      );
    };
    place((update) => update());
    const replace = () => place();
    const observer = new ResizeObserver(replace);
    observer.observe(contentRef.current!);
    window.addEventListener("resize", replace);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", replace);
    };
  }, [selection]);

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
      ref={panelRef}
      style={{ top: placement.top, left: placement.left, maxHeight: placement.maxHeight }}
      className={`absolute z-30 w-[22rem] max-w-full overflow-y-auto overscroll-contain rounded-lg border
        border-stone-200 bg-white p-3 shadow-xl`}
      onKeyDown={(event) => event.key === "Escape" && onCancel()}
      data-testid="selection-popover"
    >
      <div ref={contentRef}>
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
          <TagPicker
            projectId={projectId}
            label="Tags and note for the selected passage"
            codebook={codebook}
            likelyIds={likelyIds}
            selectedIds={tagIds}
            onChange={setTagIds}
            note={note}
            onNoteChange={setNote}
            onSave={() => run(() => onSave(tagIds, note, link))}
            onCancel={onCancel}
            saving={saving}
            error={error}
            saveLabel="Save annotation"
          >
            <details className="border-t border-stone-100 pt-2 text-sm">
              <summary className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-stone-600">
                Link to an event {link && <span className="normal-case text-indigo-700">· {link.event.title}</span>}
              </summary>
              <div className="mt-2">
                <EventChoice projectId={projectId} onChange={setLink} />
              </div>
            </details>
          </TagPicker>
        )}
      </div>
    </div>
  );
}
