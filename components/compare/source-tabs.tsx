"use client";

import { useRef } from "react";
import { movedIndex } from "./claim-markers";
import { sourceColor } from "./source-colors";

/**
 * A word under a tab's name: how many claims it has about the selected claim's event, or that it leaves the
 * event out.
 */
export interface TabNote {
  text: string;
  isOmission: boolean;
}

export const tabId = (prefix: string, column: number) => `${prefix}-tab-${column}`;
export const panelId = (prefix: string, column: number) => `${prefix}-panel-${column}`;

/**
 * One tab per compared source, for screens too narrow for parallel columns
 * (the ARIA tabs pattern: Left/Right, Home/End move between tabs and show
 * their panel). `notes[column]` is a word on the tab, such as how many
 * claims there are about the selected claim's event.
 */
export function SourceTabs({
  prefix,
  sources,
  active,
  notes,
  onSelect,
  className,
}: {
  prefix: string;
  sources: string[];
  active: number;
  notes: (TabNote | null)[];
  onSelect: (column: number) => void;
  className: string;
}) {
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  return (
    <div
      role="tablist"
      aria-label="Sources"
      className={`flex gap-1 overflow-x-auto border-b border-stone-200 ${className}`}
    >
      {sources.map((source, column) => (
        <button
          // biome-ignore lint/suspicious/noArrayIndexKey: one tab per source, always in the sources' order.
          key={column}
          ref={(element) => {
            tabs.current[column] = element;
          }}
          type="button"
          role="tab"
          id={tabId(prefix, column)}
          aria-selected={column === active}
          aria-controls={panelId(prefix, column)}
          tabIndex={column === active ? 0 : -1}
          onClick={() => onSelect(column)}
          onKeyDown={(event) => {
            const next = movedIndex(event.key, column, sources.length, "horizontal", true);
            if (next === null) return;
            event.preventDefault();
            onSelect(next);
            tabs.current[next]?.focus();
          }}
          className={`-mb-px flex min-w-0 flex-1 flex-col items-start border-b-2 px-3 py-2 text-left text-sm ${
            column === active
              ? "border-indigo-600 font-semibold text-stone-900"
              : "border-transparent text-stone-600 hover:text-stone-900"
          }`}
        >
          <span className="flex max-w-full items-center gap-1.5">
            <span
              aria-hidden
              className="size-2.5 shrink-0 rounded-sm"
              style={{ backgroundColor: sourceColor(column) }}
            />
            <span className="wrap-anywhere">{source}</span>
          </span>
          {notes[column] && (
            <span className={`text-xs font-medium ${notes[column].isOmission ? "text-red-700" : "text-amber-800"}`}>
              {notes[column].text}
            </span>
          )}
        </button>
      ))}
    </div>
  );
}
