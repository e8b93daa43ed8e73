"use client";

import { callApi } from "@/components/client/api-client";
import { ActionMessage, useRefreshingAction } from "@/components/ui/action-message";

/**
 * Brings a deleted annotation, comment, event or claim link back from its history entry, or takes a merge back
 * (`label` "Undo merge"), by POSTing to `path` (editors).
 */
export function RestoreButton({
  path,
  subject,
  label = "Restore",
  done = "Restored.",
}: {
  path: string;
  subject: string;
  label?: string;
  done?: string;
}) {
  const { message, run } = useRefreshingAction();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button
        type="button"
        aria-label={`${label} ${subject}`}
        onClick={() =>
          run(async () => {
            await callApi("POST", path);
            return done;
          })
        }
        className={`rounded-md border border-indigo-300 px-2 py-0.5 text-xs font-medium text-indigo-800
          hover:bg-indigo-50`}
      >
        {label}
      </button>
      <span aria-live="polite" className="text-xs">
        <ActionMessage message={message} />
      </span>
    </span>
  );
}
