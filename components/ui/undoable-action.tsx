"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";

/** What an action answered, and how to take it back where it can be. */
export interface Outcome {
  text: string;
  /** Takes the action back; resolves to what the page then says. */
  undo?: () => Promise<string>;
}

interface UndoableState extends Outcome {
  kind: "ok" | "error";
}

/**
 * As useRefreshingAction, for actions that can be taken back: the message
 * right after one offers "Undo" (`undo` runs it, also from a key).
 */
export function useUndoableAction() {
  const router = useRouter();
  const [message, setMessage] = useState<UndoableState | null>(null);
  const run = useCallback(
    async (action: () => Promise<string | Outcome>): Promise<boolean> => {
      setMessage(null);
      try {
        const outcome = await action();
        setMessage({ kind: "ok", ...(typeof outcome === "string" ? { text: outcome } : outcome) });
        router.refresh();
        return true;
      } catch (failure) {
        setMessage({ kind: "error", text: (failure as Error).message });
        return false;
      }
    },
    [router],
  );
  const undoLast = message?.undo;
  const undo = useCallback(() => (undoLast ? run(undoLast) : Promise.resolve(false)), [run, undoLast]);
  return { message, run, undo };
}

/** What `useUndoableAction` gives to the rows of a page, to run their actions. */
export type UndoableRun = ReturnType<typeof useUndoableAction>["run"];

/** The message of the last action, with its Undo button; a live region, so that both are announced. */
export function UndoableMessage({ message, onUndo }: { message: UndoableState | null; onUndo: () => unknown }) {
  if (!message) return null;
  return (
    <p
      role={message.kind === "error" ? "alert" : "status"}
      className={`flex flex-wrap items-center gap-2 rounded-md px-3 py-2 text-sm ${
        message.kind === "error" ? "bg-red-50 text-red-800" : "bg-emerald-50 text-emerald-900"
      }`}
    >
      <span>{message.text}</span>
      {message.undo && <UndoButton onUndo={onUndo} subject={message.text} />}
    </p>
  );
}

/**
 * "Undo", named after what it takes back ("Undo: Annotation deleted."). `focus`: it takes the focus when shown, where
 * the control that acted has gone with what it deleted.
 */
export function UndoButton({
  onUndo,
  subject,
  focus = false,
}: {
  onUndo: () => unknown;
  subject: string;
  focus?: boolean;
}) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focus) button.current?.focus();
  }, [focus]);
  return (
    <button
      ref={button}
      type="button"
      onClick={() => onUndo()}
      aria-label={`Undo: ${subject}`}
      className={`rounded-md border border-current px-2 py-0.5 text-xs font-medium hover:bg-white
        focus-visible:outline-2 focus-visible:outline-offset-2`}
      data-testid="undo"
    >
      Undo
    </button>
  );
}
