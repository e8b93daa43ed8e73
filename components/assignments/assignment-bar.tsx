"use client";

import { callApi } from "@/components/client/api-client";
import { ActionMessage, useRefreshingAction } from "@/components/ui/action-message";
import type { AssignmentState } from "@/lib/assignments/state-labels";
import { StateBadge } from "./state-badge";

const EXPLAINED: Record<AssignmentState, string> = {
  not_started: "Assigned to you.",
  in_progress: "Assigned to you.",
  submitted: "You are done with it; an editor reviews your annotations.",
  done: "You are done with it, and an editor has reviewed all your annotations.",
};

/**
 * On an article assigned to the reader: their state on it, and "I'm done
 * with this article", which submits their drafts and tells the editors (a
 * new draft afterwards puts it back in progress).
 */
export function AssignmentBar({ articleId, state }: { articleId: string; state: AssignmentState }) {
  const { message, run } = useRefreshingAction();
  const isOpen = state === "not_started" || state === "in_progress";
  async function submit() {
    await run(async () => {
      const { draftsSubmitted } = await callApi<{ draftsSubmitted: number }>(
        "POST",
        `/api/v1/articles/${articleId}/assignment/submit`,
      );
      return draftsSubmitted > 0
        ? `Done: ${draftsSubmitted} draft${draftsSubmitted === 1 ? "" : "s"} submitted for review.`
        : "Done: the editors know you finished this article.";
    });
  }
  return (
    <section
      aria-label="Your assignment"
      className={`mt-4 flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md border border-stone-200 bg-stone-50 px-3
        py-2 text-sm`}
    >
      <StateBadge state={state} />
      <span className="text-stone-700">{EXPLAINED[state]}</span>
      {isOpen && (
        <button
          type="button"
          onClick={submit}
          className={`rounded-md border border-indigo-300 bg-white px-3 py-1 font-medium text-indigo-800
            hover:bg-indigo-50`}
        >
          I’m done with this article
        </button>
      )}
      <div aria-live="polite" className="basis-full empty:hidden">
        <ActionMessage message={message} />
      </div>
    </section>
  );
}
