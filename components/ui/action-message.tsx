"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";

export interface ActionMessageState {
  kind: "ok" | "error";
  text: string;
}

/**
 * For pages of small server-backed actions: `run` performs one, shows what it
 * answered (or why it failed) and refreshes the page's server data; it
 * resolves to whether the action succeeded (a form keeps what was typed when not).
 */
export function useRefreshingAction() {
  const router = useRouter();
  const [message, setMessage] = useState<ActionMessageState | null>(null);
  const run = useCallback(
    async (action: () => Promise<string>): Promise<boolean> => {
      setMessage(null);
      try {
        setMessage({ kind: "ok", text: await action() });
        router.refresh();
        return true;
      } catch (failure) {
        setMessage({ kind: "error", text: (failure as Error).message });
        return false;
      }
    },
    [router],
  );
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
