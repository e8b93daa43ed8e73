"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiFailure, callApi } from "@/components/client/api-client";
import type { ConfirmedOmissionView } from "@/lib/confirmed-omissions";
import type { PossibleCoverage } from "@/lib/matching/coverage";

const BUTTON =
  "rounded border border-stone-300 bg-white px-2 py-0.5 text-xs font-medium text-stone-800 hover:bg-stone-100 " +
  "focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-50";

/**
 * What an omitted cell offers: the article's passage that may report the event ("may report this", with its score),
 * to link as a claim of the event, or the omission to confirm; a confirmed omission says who confirmed it and can be
 * withdrawn. Writes go through the REST API; the page is then read again.
 */
export function OmissionActions({
  eventId,
  articleId,
  coverage,
  confirmed,
  canAct,
  passageShown = false,
}: {
  eventId: string;
  articleId: string;
  coverage: Pick<PossibleCoverage, "start" | "end" | "exact" | "score"> | undefined;
  confirmed: ConfirmedOmissionView | undefined;
  /** Reviewers and editors link and confirm; viewers read what there is. */
  canAct: boolean;
  /** The passage is quoted already where the actions are (the event's page): only the buttons. */
  passageShown?: boolean;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const omissionPath = `/api/v1/events/${eventId}/omissions/${articleId}`;

  async function act(work: () => Promise<unknown>) {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      router.refresh();
    } catch (error) {
      setProblem(error instanceof ApiFailure ? error.message : "Something went wrong.");
    } finally {
      setBusy(false);
    }
  }

  const linkPassage = (passage: NonNullable<typeof coverage>) =>
    act(async () => {
      const annotation = await callApi<{ id: string }>("POST", `/api/v1/articles/${articleId}/annotations`, {
        body: { start: passage.start, end: passage.end, exact: passage.exact, tags: [] },
      });
      await callApi("POST", `/api/v1/events/${eventId}/links`, {
        body: { annotationId: annotation.id, stance: "ASSERTS" },
      });
    });

  return (
    <div className="mt-2 space-y-2 text-stone-800" data-testid="omission-actions">
      {confirmed ? (
        <p className="text-xs" data-testid="omission-confirmed">
          Omission confirmed by {confirmed.confirmedBy.name}.{" "}
          {canAct && (
            <button
              type="button"
              className={BUTTON}
              disabled={busy}
              onClick={() => act(() => callApi("DELETE", omissionPath))}
            >
              Withdraw
            </button>
          )}
        </p>
      ) : (
        <>
          {coverage && !passageShown && (
            <p className="text-xs" data-testid="possible-coverage">
              May report this:{" "}
              <a
                href={`/articles/${articleId}`}
                className="font-serif text-indigo-800 wrap-anywhere hover:underline"
                dir="auto"
              >
                “{coverage.exact}”
              </a>{" "}
              <span className="text-stone-600">({Math.round(coverage.score * 100)}% of a claim’s words)</span>
            </p>
          )}
          {canAct && (
            <div className="flex flex-wrap gap-2">
              {coverage && (
                <button type="button" className={BUTTON} disabled={busy} onClick={() => linkPassage(coverage)}>
                  Link this passage
                </button>
              )}
              <button
                type="button"
                className={BUTTON}
                disabled={busy}
                onClick={() => act(() => callApi("PUT", omissionPath))}
              >
                Confirm omission
              </button>
            </div>
          )}
        </>
      )}
      {problem && (
        <p role="alert" className="text-xs text-red-800">
          {problem}
        </p>
      )}
    </div>
  );
}
