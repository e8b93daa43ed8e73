"use client";

import { FormError } from "@/components/ui/form";
import { type KeyboardEvent, type ReactNode, useEffect, useId, useMemo, useRef, useState } from "react";
import type { TagView } from "@/lib/codebook";
import { MentionTextarea } from "@/components/mentions/mention-textarea";
import { safeColor } from "@/components/ui/tag-color";
import { replacementNotice, toggleTag } from "@/lib/codebook/selection";
import { resolveKeys, shortcutKeys } from "@/lib/codebook/shortcuts";

interface TagPickerProps {
  /** Whose members the note may mention. */
  projectId: string;
  codebook: TagView[];
  /** Tags to list first, each marked "likely", most likely first (the project's tag ranking). */
  likelyIds?: string[];
  selectedIds: string[];
  /** The tags chosen after a press: a single-choice group's tags switch like radio buttons. */
  onChange: (tagIds: string[]) => void;
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

const NO_LIKELY_TAGS: string[] = [];

/** Focus is where typed letters are text (or pick an option), not tag shortcuts. */
function isTextField(target: EventTarget): boolean {
  return (
    target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
  );
}

/** Enter on these does their own thing (press a button, open a section, follow a link); on a tag it saves. */
function activatesItself(target: EventTarget): boolean {
  return target instanceof Element && target.closest("button:not([data-tag-id]), summary, a, select") !== null;
}

/**
 * Tags from the codebook, grouped, searchable, toggled by click or by their
 * shortcut of one or two keys (while focus is not in a text field; "/" jumps
 * to the search), plus an optional note. In the search, Enter picks the
 * highlighted match (the first; arrows move it); elsewhere Enter saves
 * (Shift+Enter: a new line in the note), also right after a tag is clicked.
 * Escape cancels. Archived tags are offered only if already chosen.
 */
export function TagPicker(props: TagPickerProps) {
  const {
    projectId,
    codebook,
    likelyIds = NO_LIKELY_TAGS,
    selectedIds,
    onChange,
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
  // Said when a single-choice group's tag replaced another, so that a second verdict is seen not to be added.
  const [notice, setNotice] = useState<string | null>(null);
  const onToggle = (tagId: string) => {
    setNotice(replacementNotice(codebook, selectedIds, tagId));
    onChange(toggleTag(codebook, selectedIds, tagId));
  };
  const [query, setQuery] = useState("");
  const [highlighted, setHighlighted] = useState(0);
  // The first key of a two-key shortcut, typed and waiting for the second.
  const [pendingKeys, setPendingKeys] = useState("");
  const containerRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const noteId = useId();
  const hintId = useId();

  // Focus the picker itself, so shortcut keys work at once (without scrolling: its panel places itself).
  useEffect(() => containerRef.current?.focus({ preventScroll: true }), []);

  // The likely tags first (their groups with them), then the codebook's order: so they are listed and searched first.
  const offered = useMemo(() => {
    const rank = (tag: TagView) => {
      const index = likelyIds.indexOf(tag.id);
      return index === -1 ? likelyIds.length : index;
    };
    return codebook
      .filter((tag) => !tag.archived || selectedIds.includes(tag.id))
      .map((tag, position) => ({ tag, position }))
      .sort((a, b) => rank(a.tag) - rank(b.tag) || a.position - b.position)
      .map(({ tag }) => tag);
  }, [codebook, selectedIds, likelyIds]);
  const matches = useMemo(() => {
    const needle = query.trim().toLocaleLowerCase();
    return offered.filter(
      (tag) => !needle || `${tag.name} ${tag.description ?? ""} ${tag.group.name}`.toLocaleLowerCase().includes(needle),
    );
  }, [offered, query]);
  const groups = useMemo(() => {
    const byGroup = new Map<string, { group: TagView["group"]; tags: TagView[] }>();
    for (const tag of matches) {
      const group = byGroup.get(tag.group.id) ?? { group: tag.group, tags: [] };
      group.tags.push(tag);
      byGroup.set(tag.group.id, group);
    }
    return [...byGroup.entries()];
  }, [matches]);
  // Only a search highlights a match (the one Enter picks).
  const highlightedTag = query.trim() ? matches[Math.min(highlighted, matches.length - 1)] : undefined;

  function search(value: string) {
    setQuery(value);
    setHighlighted(0);
  }

  function pick(tag: TagView) {
    if (!selectedIds.includes(tag.id)) onToggle(tag.id);
    search("");
  }

  /** A shortcut key: toggles its tag, or waits for the second key of a sequence. */
  function typeKey(key: string): boolean {
    const live = offered.filter((tag) => !tag.archived);
    const result = resolveKeys(live, pendingKeys + key) ?? (pendingKeys ? resolveKeys(live, key) : null);
    setPendingKeys(result && "pending" in result ? result.pending : "");
    if (result && "tag" in result) onToggle(result.tag.id);
    return result !== null;
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const inTextField = isTextField(event.target);
    const inSearch = event.target === searchRef.current;
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      if (pendingKeys) setPendingKeys("");
      else onCancel();
    } else if (inSearch && (event.key === "ArrowDown" || event.key === "ArrowUp") && highlightedTag) {
      event.preventDefault();
      const index = matches.indexOf(highlightedTag) + (event.key === "ArrowDown" ? 1 : -1);
      setHighlighted((index + matches.length) % matches.length);
    } else if (event.key === "Enter" && inSearch && query.trim()) {
      event.preventDefault();
      if (highlightedTag) pick(highlightedTag);
    } else if (event.key === "Enter" && !event.shiftKey && !activatesItself(event.target)) {
      event.preventDefault();
      if (!saving) onSave();
    } else if (!inTextField && event.key === "/") {
      event.preventDefault();
      searchRef.current?.focus();
    } else if (!inTextField && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      if (typeKey(event.key.toLowerCase())) event.preventDefault();
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
        onChange={(event) => search(event.target.value)}
        placeholder="Search tags (press /)"
        aria-label="Search tags"
        aria-describedby={highlightedTag ? hintId : undefined}
        className={`w-full rounded-md border border-stone-300 px-2.5 py-1.5 text-sm focus:border-indigo-500
          focus:outline-none`}
      />
      {highlightedTag && (
        <p id={hintId} className="text-xs text-stone-600" aria-live="polite">
          Enter picks “{highlightedTag.name}”{matches.length > 1 && " (↑↓ for another)"}
        </p>
      )}
      <div className="max-h-64 space-y-2 overflow-y-auto pr-1">
        {groups.length === 0 && <p className="text-sm text-stone-500">No tag matches “{query}”.</p>}
        {groups.map(([groupId, { group, tags }]) => (
          <TagGroupChoices key={groupId} group={group}>
            {tags.map((tag) => {
              const pressed = selectedIds.includes(tag.id);
              const isHighlighted = tag === highlightedTag;
              const isLikely = likelyIds.includes(tag.id);
              return (
                <button
                  key={tag.id}
                  type="button"
                  data-tag-id={tag.id}
                  data-highlighted={isHighlighted || undefined}
                  data-likely={isLikely || undefined}
                  {...(group.choice === "single"
                    ? { role: "radio", "aria-checked": pressed }
                    : { "aria-pressed": pressed })}
                  title={tag.description ?? undefined}
                  onClick={() => onToggle(tag.id)}
                  className={`inline-flex items-center gap-1.5 rounded-full border px-2 py-0.5 text-sm ${
                    pressed
                      ? "border-stone-800 bg-stone-800 text-white"
                      : "border-stone-300 bg-white text-stone-800 hover:bg-stone-50"
                  } ${isHighlighted ? "ring-2 ring-indigo-500 ring-offset-1" : ""}`}
                >
                  <span
                    aria-hidden
                    className="size-2.5 rounded-full"
                    style={{ backgroundColor: safeColor(tag.color) }}
                  />
                  {tag.name}
                  {isLikely && (
                    <span
                      className={`rounded px-1 text-[0.65rem] font-semibold uppercase tracking-wide ${
                        pressed ? "bg-stone-600 text-white" : "bg-amber-100 text-amber-900"
                      }`}
                    >
                      likely
                    </span>
                  )}
                  {tag.shortcut && (
                    <ShortcutKeys
                      shortcut={tag.shortcut}
                      pressed={pressed}
                      waiting={pendingKeys !== "" && tag.shortcut.startsWith(pendingKeys)}
                    />
                  )}
                </button>
              );
            })}
          </TagGroupChoices>
        ))}
      </div>
      <p className="text-xs text-amber-900 empty:hidden" aria-live="polite" data-testid="tag-choice-notice">
        {notice}
      </p>
      <div>
        <label htmlFor={noteId} className="mb-1 block text-xs font-semibold uppercase tracking-wide text-stone-500">
          Note
        </label>
        <MentionTextarea
          projectId={projectId}
          id={noteId}
          value={note}
          onValueChange={onNoteChange}
          rows={2}
          dir="auto"
          placeholder="Optional: why this is a claim, what to check (@ mentions a member)"
          className={`w-full rounded-md border border-stone-300 px-2.5 py-1.5 text-sm focus:border-indigo-500
            focus:outline-none`}
        />
      </div>
      {children}
      <FormError message={error ?? undefined} />
      {/* Stays in view at the bottom of a panel that scrolls. */}
      <div className="sticky bottom-0 -mb-1 flex items-center gap-2 bg-white py-1">
        <button
          type="button"
          onClick={onSave}
          disabled={saving}
          className={`shrink-0 whitespace-nowrap rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white
            hover:bg-indigo-700 disabled:opacity-60`}
        >
          {saving ? "Saving…" : saveLabel}
        </button>
        <button
          type="button"
          onClick={onCancel}
          className="shrink-0 rounded-md px-3 py-1.5 text-sm text-stone-700 hover:bg-stone-100"
        >
          Cancel
        </button>
        <span className="ml-auto text-end text-xs text-stone-500" aria-live="polite">
          {pendingKeys ? `${pendingKeys} … next key` : "Enter saves · Esc cancels"}
        </span>
      </div>
    </div>
  );
}

/** A tag's shortcut as the keys to press in turn; those matching what was typed so far are marked. */
function ShortcutKeys({ shortcut, pressed, waiting }: { shortcut: string; pressed: boolean; waiting: boolean }) {
  const tone = waiting ? "bg-indigo-100 text-indigo-900" : pressed ? "bg-stone-600" : "bg-stone-100 text-stone-700";
  return <kbd className={`rounded px-1 font-mono text-[0.7rem] ${tone}`}>{shortcutKeys(shortcut).join(" ")}</kbd>;
}

/**
 * A codebook group's tags with its rules in words: "one" for a single-choice group, whose tags are radio buttons
 * (pressing a chosen one clears it), and "required" for a group an annotation needs before it is submitted.
 */
function TagGroupChoices({ group, children }: { group: TagView["group"]; children: ReactNode }) {
  const single = group.choice === "single";
  return (
    <fieldset {...(single ? { role: "radiogroup", "aria-required": group.required } : {})}>
      <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-stone-500">
        {group.name}
        {single && <span className="font-normal normal-case"> · one</span>}
        {group.required && <span className="font-normal normal-case text-amber-800"> · required</span>}
      </legend>
      <div className="flex flex-wrap gap-1.5">{children}</div>
    </fieldset>
  );
}
