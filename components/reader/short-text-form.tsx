"use client";

import type { ReactNode } from "react";
import { MentionTextarea } from "@/components/mentions/mention-textarea";

const TEXT_AREA_STYLE = "w-full rounded-md border border-stone-300 px-2 py-1 text-sm";

/**
 * A short text and the button that sends it, enabled once the text is not
 * blank: a new comment, or the reason for a rejection. `children` follow the
 * button (a Cancel). With `mentionsIn` (a project's id), typing `@` offers
 * that project's members.
 */
export function ShortTextForm({
  label,
  placeholder,
  mentionsIn,
  value,
  onChange,
  send,
  className = "space-y-1",
  children,
}: {
  /** The text area's accessible name. */
  label: string;
  placeholder: string;
  mentionsIn?: string;
  value: string;
  onChange: (value: string) => void;
  /** The button: its text, its accessible name, what it does, how it looks. */
  send: { text: string; label: string; onClick: () => void; className: string };
  className?: string;
  children?: ReactNode;
}) {
  return (
    <div className={className}>
      {mentionsIn ? (
        <MentionTextarea
          projectId={mentionsIn}
          aria-label={label}
          value={value}
          onValueChange={onChange}
          rows={2}
          placeholder={placeholder}
          className={TEXT_AREA_STYLE}
        />
      ) : (
        <textarea
          aria-label={label}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          rows={2}
          placeholder={placeholder}
          className={TEXT_AREA_STYLE}
        />
      )}
      <button
        type="button"
        aria-label={send.label}
        disabled={!value.trim()}
        onClick={send.onClick}
        className={send.className}
      >
        {send.text}
      </button>
      {children}
    </div>
  );
}
