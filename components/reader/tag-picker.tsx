"use client";

import { FormError } from "@/components/ui/form";
import { type KeyboardEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from "react";
import type { TagView } from "@/lib/codebook";
import { safeColor } from "@/components/ui/tag-color";

interface TagPickerProps {
  codebook: TagView[];
  selectedIds: string[];
  onToggle: (tagId: string) => void;
  note: string;
  onNoteChange: (note: string) => void;
  onSave: () => void;
  onCancel: () => void;
  saving: boolean;
  error: string | null;
  saveLabel: string;
  label: string;
  /** What else saving does, or a choice about it, shown above the buttons. */
  children?: ReactNode;
}

function isTextField(target: EventTarget): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
}

/**
 * Tags from the codebook, grouped, searchable, toggled by click or by their
 * single-key shortcut (while focus is not in a text field; "/" jumps to the
 * search), plus an optional note. Enter saves (Shift+Enter: a new line in the
 * note), Escape cancels. Archived tags are offered only if already chosen.
 */
export function TagPicker(props: TagPickerProps) {
  const {
    codebook,
    selectedIds,
    onToggle,
    note,
    onNoteChange,
    onSave,
    onCancel,
    saving,
    error,
    saveLabel,
    label,
    children,
  } = props;
  const [query, setQuery] = useState("");
  const containerRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const noteId = useId();

  // Focus the picker itself, so shortcut keys work at once.
  useEffect(() => containerRef.current?.focus(), []);

  const groups = useMemo(() => {
    const needle = query.trim().toLocaleLowerCase();
    const byGroup = new Map<string, { name: string; tags: TagView[] }>();
    for (const tag of codebook) {
      if (tag.archived && !selectedIds.includes(tag.id)) continue;
      const haystack = `${tag.name} ${tag.description ?? ""} ${tag.group.name}`.toLocaleLowerCase();
      if (needle && !haystack.includes(needle)) continue;
      const group = byGroup.get(tag.group.id) ?? { name: tag.group.name, tags: [] };
      group.tags.push(tag);
      byGroup.set(tag.group.id, group);
    }
    return [...byGroup.entries()];
  }, [codebook, query, selectedIds]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const inTextField = isTextField(event.target);
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    } else if (event.key === "Enter" && !event.shiftKey && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      if (!saving) onSave();
    } else if (!inTextField && event.key === "/") {
      event.preventDefault();
      searchRef.current?.focus();
    } else if (!inTextField && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const tag = codebook.find(
        (candidate) => !candidate.archived && candidate.shortcut?.toLowerCase() === event.key.toLowerCase(),
      );
      if (tag) {
        event.preventDefault();
        onToggle(tag.id);
      }
    }
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: a <fieldset> is min-content wide and would not shrink to a phone.
    <div
      ref={containerRef}
      tabIndex={-1}
      role="group"
      aria-label={label}
      onKeyDown={onKeyDown}
      className="space-y-3 outline-none"
      data-testid="tag-picker"
    >
      <input
        ref={searchRef}
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        placeholder="Search tags (press /)"
        aria-label="Search tags"
        className={`w-full rounded-md border border-stone-300 px-2.5 py-1.5 text-sm focus:border-indigo-500
          focus:outline-none`}
      />
      <div className="max-h-64 space-y-2 overflow-y-auto pr-1">
        {groups.length === 0 && <p className="text-sm text-stone-500">No tag matches “{query}”.</p>}
        {groups.map(([groupId, group]) => (
          <fieldset key={groupId}>
            <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-stone-500">{group.name}</legend>
            <div className="flex flex-wrap gap-1.5">
              {group.tags.map((tag) => {
                const pressed = selectedIds.includes(tag.id);
                return (
                  <button
                    key={tag.id}
                    type="button"
                    aria-pressed={pressed}
                    title={tag.description ?? undefined}
                    onClick={() => onToggle(tag.id)}
                    className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-sm ${
                      pressed
                        ? "border-stone-800 bg-stone-800 text-white"
                        : "border-stone-300 bg-white text-stone-800 hover:bg-stone-50"
                    }`}
                  >
                    <span
                      aria-hidden
                      className="size-2.5 rounded-full"
                      style={{ backgroundColor: safeColor(tag.color) }}
                    />
                    {tag.name}
                    {tag.shortcut && (
                      <kbd
                        className={`rounded px-1 font-mono text-[0.7rem] ${
                          pressed ? "bg-stone-600" : "bg-stone-100 text-stone-600"
                        }`}
                      >
                        {tag.shortcut}
                      </kbd>
                    )}
                  </button>
                );
              })}
            </div>
          </fieldset>
        ))}
      </div>
      <div>
        <label htmlFor={noteId} className="mb-1 block text-xs font-semibold uppercase tracking-wide text-stone-500">
          Note
        </label>
        <textarea
          id={noteId}
          value={note}
          onChange={(event) => onNoteChange(event.target.value)}
          rows={2}
          dir="auto"
          placeholder="Optional: why this is a claim, what to check"
          className={`w-full rounded-md border border-stone-300 px-2.5 py-1.5 text-sm focus:border-indigo-500
            focus:outline-none`}
        />
      </div>
      {children}
      <FormError message={error ?? undefined} />
      <div className="flex items-center gap-2">
        <button
          type="button"
          onClick={onSave}
          disabled={saving}
          className={`rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700
            disabled:opacity-60`}
        >
          {saving ? "Saving…" : saveLabel}
        </button>
        <button
          type="button"
          onClick={onCancel}
          className="rounded-md px-3 py-1.5 text-sm text-stone-700 hover:bg-stone-100"
        >
          Cancel
        </button>
        <span className="ml-auto text-xs text-stone-500">Enter saves · Esc cancels</span>
      </div>
    </div>
  );
}
