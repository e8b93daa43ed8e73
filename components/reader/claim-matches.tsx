"use client";

import { useState } from "react";
import { callApi } from "@/components/client/api-client";
import { FormError } from "@/components/ui/form";
import type { ArticleLinkView } from "@/lib/events";
import type { MatchView } from "@/lib/matching";
import { saveLink } from "./event-links";

/**
 * The claims and passages of other articles that most likely report the same (GET …/matches), fetched when the list is
 * first opened; a match with an event offers to link this claim to it.
 */
export function ClaimMatches({
  projectId,
  annotationId,
  links,
  canLink,
  onLinked,
  subject,
}: {
  projectId: string;
  annotationId: string;
  links: ArticleLinkView[];
  canLink: boolean;
  onLinked: (link: ArticleLinkView) => void;
  subject: string;
}) {
  const [matches, setMatches] = useState<MatchView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function load(open: boolean) {
    if (!open || matches !== null) return;
    try {
      setMatches((await callApi<{ items: MatchView[] }>("GET", `/api/v1/annotations/${annotationId}/matches`)).items);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  async function link(event: { id: string; title: string }) {
    setSaving(true);
    setError(null);
    try {
      onLinked(
        await saveLink(projectId, annotationId, {
          event: { id: event.id, title: event.title, date: null },
          stance: "ASSERTS",
          attributedTo: "",
          note: "",
        }),
      );
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setSaving(false);
    }
  }

  const linked = new Set(links.map((link) => link.event.id));
  return (
    <details className="mt-2 text-xs" onToggle={(event) => load(event.currentTarget.open)} data-testid="claim-matches">
      <summary
        className="cursor-pointer font-medium text-indigo-700"
        aria-label={`Matches in other articles: ${subject}`}
      >
        Matches in other articles
      </summary>
      {matches === null && !error && <p className="mt-1 text-stone-600">Looking for matches…</p>}
      {matches?.length === 0 && <p className="mt-1 text-stone-600">No other article seems to report this.</p>}
      {matches && matches.length > 0 && (
        <ol className="mt-1 space-y-2" aria-label="Matches, best first">
          {matches.map((match) => (
            <li
              key={`${match.kind}:${match.article.id}:${match.start}`}
              className="text-stone-700"
              data-testid="claim-match"
            >
              <span className="font-medium text-stone-900">{match.article.source ?? match.article.title}</span>
              <span className="text-stone-500"> · {match.kind === "claim" ? "claim" : "passage"}</span>
              <a
                href={`/articles/${match.article.id}${match.annotationId ? `#annotation-${match.annotationId}` : ""}`}
                className="block font-serif text-stone-900 wrap-anywhere hover:underline"
                dir="auto"
              >
                “{match.exact}”
              </a>
              {match.event && (
                <span className="flex flex-wrap items-center gap-2">
                  <span>Event: {match.event.title}</span>
                  {canLink && !linked.has(match.event.id) && (
                    <button
                      type="button"
                      disabled={saving}
                      onClick={() => link(match.event!)}
                      className="rounded border border-stone-300 px-1.5 font-medium text-stone-800 hover:bg-stone-100"
                      aria-label={`Link to ${match.event.title}: ${subject}`}
                    >
                      Link to this event
                    </button>
                  )}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      <FormError message={error ?? undefined} />
    </details>
  );
}
