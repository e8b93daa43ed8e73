"use client";

import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import type { AnnotationTagView, AnnotationView } from "@/lib/annotations";

/** A single-choice group of which the versions merged carry more than one tag. */
export interface MergeClash {
  group: string;
  tags: AnnotationTagView[];
}

/** The versions' tags together, each once, and the single-choice groups in which they clash. */
export function mergeTags(
  versions: AnnotationView[],
  singleChoiceGroups: string[],
): { tags: AnnotationTagView[]; clashes: MergeClash[] } {
  const tags = [...new Map(versions.flatMap((version) => version.tags).map((tag) => [tag.id, tag])).values()];
  const clashes = singleChoiceGroups
    .map((group) => ({ group, tags: tags.filter((tag) => tag.group === group) }))
    .filter((clash) => clash.tags.length > 1);
  return { tags, clashes };
}

/**
 * Asks which tag to keep in each single-choice group where the merged versions differ (a claim never gets two
 * verdicts): one radio group each, by keyboard too (arrows choose, Enter merges, Escape cancels).
 */
export function MergePicker({
  clashes,
  onMerge,
  onCancel,
}: {
  clashes: MergeClash[];
  onMerge: (keep: string[]) => void;
  onCancel: () => void;
}) {
  const [kept, setKept] = useState<Record<string, string>>({});
  const form = useRef<HTMLFormElement>(null);
  const baseId = useId();

  useEffect(() => form.current?.querySelector<HTMLInputElement>("input")?.focus(), []);

  function submit(event: FormEvent) {
    event.preventDefault();
    onMerge(Object.values(kept));
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== "Escape") return;
    event.preventDefault();
    event.stopPropagation();
    onCancel();
  }

  return (
    <form
      ref={form}
      onSubmit={submit}
      onKeyDown={onKeyDown}
      aria-label="Choose the tags to keep"
      className="mt-2 space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
      data-testid="merge-picker"
    >
      <p className="text-amber-950">The versions disagree where only one tag may be kept. Choose one:</p>
      {clashes.map((clash, index) => (
        <fieldset key={clash.group}>
          <legend className="font-semibold text-stone-800">{clash.group}</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {clash.tags.map((tag) => (
              <label key={tag.id} className="flex items-center gap-1.5">
                <input
                  type="radio"
                  required
                  name={`${baseId}-${index}`}
                  value={tag.id}
                  checked={kept[clash.group] === tag.id}
                  onChange={() => setKept((current) => ({ ...current, [clash.group]: tag.id }))}
                />
                {tag.name}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <div className="flex gap-2">
        <button
          type="submit"
          className="rounded-md bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-700"
        >
          Merge with these
        </button>
        <button type="button" onClick={onCancel} className="rounded-md px-3 py-1 text-sm hover:bg-amber-100">
          Cancel
        </button>
      </div>
    </form>
  );
}
