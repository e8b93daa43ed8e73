"use client";

import { type KeyboardEvent, type TextareaHTMLAttributes, useId, useLayoutEffect, useRef, useState } from "react";
import { callApi } from "@/components/client/api-client";
import type { MemberView } from "@/lib/members";
import { startsMention } from "@/lib/mentions";

/** Members offered at once; typing more letters narrows them. */
const OFFERED = 8;
/** Characters typed after `@` that still look for a name (names are short; past this it is just text). */
const LONGEST_QUERY = 40;

/** Each project's members, read once per page (they change rarely; a reload reads them again). */
const membersOf = new Map<string, Promise<MemberView[]>>();
function loadMembers(projectId: string): Promise<MemberView[]> {
  let members = membersOf.get(projectId);
  if (!members) {
    members = callApi<{ items: MemberView[] }>("GET", `/api/v1/projects/${projectId}/members?limit=200`).then(
      (page) => page.items,
      (failure: unknown) => {
        membersOf.delete(projectId);
        throw failure;
      },
    );
    membersOf.set(projectId, members);
  }
  return members;
}

/** The `@` being typed before the caret and what follows it, or null when the caret is not in a mention. */
function mentionAt(text: string, caret: number): { at: number; query: string } | null {
  const at = text.lastIndexOf("@", caret - 1);
  if (at === -1 || caret - at - 1 > LONGEST_QUERY) return null;
  if (!startsMention(text, at)) return null;
  const query = text.slice(at + 1, caret);
  return /[\n@]/.test(query) ? null : { at, query };
}

type MentionTextareaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "onChange"> & {
  projectId: string;
  value: string;
  onValueChange: (value: string) => void;
};

/**
 * A textarea where `@` offers the project's members (a list of options under
 * it; the arrows move, Enter or Tab picks, Escape closes, a click picks) and
 * writes `@Name` for the one picked: the server finds the mention by that
 * name (lib/mentions.ts). Its own keys stop here while the list is open, so
 * the form around it (Enter saves, Escape cancels) does not see them.
 */
export function MentionTextarea({ projectId, value, onValueChange, onKeyDown, ...textarea }: MentionTextareaProps) {
  const [members, setMembers] = useState<MemberView[] | null>(null);
  const [mention, setMention] = useState<{ at: number; query: string } | null>(null);
  const [highlighted, setHighlighted] = useState(0);
  const [caretAfterPick, setCaretAfterPick] = useState<number | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const listId = useId();

  const needle = mention?.query.toLocaleLowerCase() ?? "";
  const matches = (members ?? [])
    .filter((member) => member.name.toLocaleLowerCase().includes(needle))
    .sort(
      (a, b) =>
        Number(!a.name.toLocaleLowerCase().startsWith(needle)) -
          Number(!b.name.toLocaleLowerCase().startsWith(needle)) || a.name.localeCompare(b.name),
    )
    .slice(0, OFFERED);
  const isOpen = mention !== null && matches.length > 0;
  const active = isOpen ? matches[Math.min(highlighted, matches.length - 1)] : undefined;
  const optionId = (userId: string) => `${listId}-${userId}`;

  useLayoutEffect(() => {
    if (caretAfterPick === null) return;
    ref.current?.setSelectionRange(caretAfterPick, caretAfterPick);
    setCaretAfterPick(null);
  }, [caretAfterPick]);

  function follow(text: string, caret: number) {
    const found = mentionAt(text, caret);
    setMention(found);
    setHighlighted(0);
    // Without the list (it failed to load), `@` is just text.
    if (found && members === null) loadMembers(projectId).then(setMembers, () => setMembers([]));
  }

  function pick(member: MemberView) {
    if (!mention) return;
    const caret = mention.at + 1 + mention.query.length;
    const inserted = `@${member.name} `;
    onValueChange(value.slice(0, mention.at) + inserted + value.slice(caret).replace(/^ /, ""));
    setCaretAfterPick(mention.at + inserted.length);
    setMention(null);
  }

  function onKeys(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (isOpen && active) {
      const move = { ArrowDown: 1, ArrowUp: -1 }[event.key];
      if (move !== undefined) {
        setHighlighted((matches.indexOf(active) + move + matches.length) % matches.length);
      } else if (event.key === "Enter" || event.key === "Tab") {
        pick(active);
      } else if (event.key === "Escape") {
        setMention(null);
      } else {
        onKeyDown?.(event);
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    onKeyDown?.(event);
  }

  return (
    <div className="relative">
      <textarea
        {...textarea}
        ref={ref}
        value={value}
        onChange={(event) => {
          onValueChange(event.target.value);
          follow(event.target.value, event.target.selectionStart);
        }}
        onSelect={(event) => {
          const target = event.currentTarget;
          if (mention || target.value.includes("@")) follow(target.value, target.selectionStart);
        }}
        onBlur={() => setMention(null)}
        onKeyDown={onKeys}
        aria-autocomplete="list"
        aria-controls={isOpen ? listId : undefined}
        aria-activedescendant={active ? optionId(active.userId) : undefined}
      />
      {isOpen && (
        <div
          id={listId}
          role="listbox"
          aria-label="Members to mention"
          className="absolute inset-x-0 top-full z-40 mt-1 max-h-56 overflow-y-auto rounded-md border border-stone-200
            bg-white py-1 text-sm shadow-lg"
          data-testid="mention-options"
        >
          {matches.map((member) => (
            <div
              key={member.userId}
              id={optionId(member.userId)}
              role="option"
              aria-selected={member === active}
              // Options are chosen with the textarea's arrows (aria-activedescendant), never focused themselves.
              tabIndex={-1}
              // Keeps the focus in the textarea: the click picks, the caret stays where it was.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => pick(member)}
              onKeyDown={() => undefined}
              className={`cursor-pointer px-2 py-1 ${member === active ? "bg-indigo-100 text-indigo-950" : ""}`}
            >
              <span className="font-medium">{member.name}</span>{" "}
              <span className="text-xs text-stone-600">{member.role.toLowerCase()}</span>
            </div>
          ))}
        </div>
      )}
      <p className="sr-only" aria-live="polite">
        {isOpen ? `${matches.length} members to mention: up and down arrows choose, Enter picks.` : ""}
      </p>
    </div>
  );
}
