"use client";

import { useUndoableAction } from "@/components/ui/undoable-action";

export interface ActionMessageState {
  kind: "ok" | "error";
  text: string;
}

/**
 * For pages of small server-backed actions: `run` performs one, shows what it
 * answered (or why it failed) and refreshes the page's server data; it
 * resolves to whether the action succeeded (a form keeps what was typed when not).
 * (useUndoableAction, with no undo.)
 */
export function useRefreshingAction() {
  const { message, run } = useUndoableAction();
  return { message, run };
}

/** What `useRefreshingAction` gives to the rows of a page, to run their actions. */
export type RunAction = ReturnType<typeof useRefreshingAction>["run"];

export function ActionMessage({ message }: { message: ActionMessageState | null }) {
  if (!message) return null;
  return (
    <p
      role={message.kind === "error" ? "alert" : "status"}
      className={`rounded-md px-3 py-2 text-sm ${
        message.kind === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-900"
      }`}
    >
      {message.text}
    </p>
  );
}
