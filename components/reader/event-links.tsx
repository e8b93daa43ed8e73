"use client";

import Link from "@/components/ui/link";
import { useEffect, useId, useState } from "react";
import { FormError } from "@/components/ui/form";
import type { ArticleLinkView, ClaimLinkView, EventView } from "@/lib/events";
import type { MatchView } from "@/lib/matching";
import { UndoButton } from "@/components/ui/undoable-action";
import { ApiFailure, callApi } from "@/components/client/api-client";
import { BackToReviewNotice } from "./review-controls";
import { ClaimMatches } from "./claim-matches";

const STANCES = ["ASSERTS", "DISPUTES", "QUALIFIES", "MENTIONS"] as const;
type Stance = (typeof STANCES)[number];
const SEARCH_DELAY_MS = 200;

export interface LinkPermissions {
  viewerId: string;
  /** Reviewers and editors link claims and create events. */
  canLink: boolean;
  /** Editors remove anybody's links. */
  canManage: boolean;
}

interface EventLinksProps {
  projectId: string;
  annotationId: string;
  links: ArticleLinkView[];
  permissions: LinkPermissions;
  onChange: (links: ArticleLinkView[]) => void;
  /** The claim is approved and the viewer may not review: a link made or removed sends it back for review. */
  reopensReview?: boolean;
  /** Names the claim in the buttons' accessible names (accessible-names). */
  subject: string;
}

/** The events a claim is linked to (stance, attribution), and the form to link it to another, existing or new. */
export function EventLinks({
  projectId,
  annotationId,
  links,
  permissions,
  onChange,
  reopensReview = false,
  subject,
}: EventLinksProps) {
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** The link just removed, which the card offers to bring back. */
  const [unlinked, setUnlinked] = useState<ArticleLinkView | null>(null);

  async function removeLink(link: ArticleLinkView) {
    setError(null);
    try {
      await callApi<void>("DELETE", `/api/v1/links/${link.id}`);
      onChange(links.filter((candidate) => candidate.id !== link.id));
      setUnlinked(link);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  async function restoreLink(link: ArticleLinkView) {
    setError(null);
    try {
      const restored = await callApi<ClaimLinkView>("POST", `/api/v1/links/${link.id}/restore`);
      onChange([...links, { ...restored, event: link.event }]);
      setUnlinked(null);
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  return (
    <div className="mt-2" data-testid="event-links">
      {links.length > 0 && (
        <ul className="space-y-1" aria-label="Linked events">
          {links.map((link) => (
            <li key={link.id} className="flex items-start gap-1.5 text-xs text-stone-700">
              <span className="rounded bg-stone-100 px-1 font-medium uppercase tracking-wide text-stone-600">
                {link.stance.toLowerCase()}
              </span>
              <span className="min-w-0 flex-1">
                <Link href={`/events/${link.event.id}`} className="font-medium text-stone-900 hover:underline">
                  {link.event.title}
                </Link>
                {link.attributedTo && <span> · according to {link.attributedTo}</span>}
              </span>
              {(permissions.canManage || (permissions.canLink && link.createdBy.id === permissions.viewerId)) && (
                <button
                  type="button"
                  onClick={() => removeLink(link)}
                  aria-label={`Unlink from ${link.event.title}: ${subject}`}
                  className="px-1 text-stone-500 hover:text-red-700"
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div aria-live="polite">
        {unlinked && (
          <p role="status" className="flex items-center gap-2 text-xs text-stone-700">
            Unlinked from {unlinked.event.title}.
            <UndoButton focus subject={`Unlinked from ${unlinked.event.title}.`} onUndo={() => restoreLink(unlinked)} />
          </p>
        )}
      </div>
      <FormError message={error ?? undefined} />
      {permissions.canLink &&
        (adding ? (
          <LinkForm
            projectId={projectId}
            annotationId={annotationId}
            reopensReview={reopensReview}
            onCancel={() => setAdding(false)}
            onLinked={(link) => {
              onChange([...links, link]);
              setAdding(false);
            }}
          />
        ) : (
          <button
            type="button"
            aria-label={`Link to an event: ${subject}`}
            onClick={() => setAdding(true)}
            className="mt-1 text-xs font-medium text-indigo-700 hover:underline"
          >
            Link to an event
          </button>
        ))}
      <ClaimMatches
        projectId={projectId}
        annotationId={annotationId}
        links={links}
        canLink={permissions.canLink}
        onLinked={(link) => onChange([...links, link])}
        subject={subject}
      />
    </div>
  );
}

/** What the user chose to link a claim to: an existing event (id) or a new one (title, date), and how. */
export interface LinkDraft {
  event: { id: string | null; title: string; date: string | null };
  stance: Stance;
  attributedTo: string;
  note: string;
}

/** Creates the event if it is new, then the link; the link as the reader shows it. */
export async function saveLink(projectId: string, annotationId: string, draft: LinkDraft): Promise<ArticleLinkView> {
  const event =
    draft.event.id !== null
      ? { id: draft.event.id, title: draft.event.title, date: draft.event.date }
      : await createOrFindEvent(projectId, draft.event);
  const link = await callApi<ArticleLinkView>("POST", `/api/v1/events/${event.id}/links`, {
    body: { annotationId, stance: draft.stance, attributedTo: draft.attributedTo || null, note: draft.note || null },
  });
  return { ...link, event: { id: event.id, title: event.title, date: event.date } };
}

/**
 * A new event; if a colleague has meanwhile named one so (titles are unique in a project: 409), it is the same
 * event.
 */
async function createOrFindEvent(projectId: string, event: LinkDraft["event"]): Promise<EventView> {
  try {
    return await callApi<EventView>("POST", `/api/v1/projects/${projectId}/events`, {
      body: { title: event.title, date: event.date },
    });
  } catch (failure) {
    const existingId =
      failure instanceof ApiFailure && failure.status === 409
        ? (failure.details as { eventId?: string } | undefined)?.eventId
        : undefined;
    if (!existingId) throw failure;
    return callApi<EventView>("GET", `/api/v1/events/${existingId}`);
  }
}

function LinkForm({
  projectId,
  annotationId,
  reopensReview,
  onCancel,
  onLinked,
}: {
  projectId: string;
  annotationId: string;
  reopensReview: boolean;
  onCancel: () => void;
  onLinked: (link: ArticleLinkView) => void;
}) {
  const [draft, setDraft] = useState<LinkDraft | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    if (!draft) return;
    setSaving(true);
    setError(null);
    try {
      onLinked(await saveLink(projectId, annotationId, draft));
    } catch (failure) {
      setError((failure as Error).message);
      setSaving(false);
    }
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: a <fieldset> is min-content wide and would not shrink to a phone.
    <div
      className="mt-2 space-y-2 rounded-md border border-stone-200 bg-stone-50 p-2"
      role="group"
      aria-label="Link to an event"
    >
      <EventChoice projectId={projectId} annotationId={annotationId} onChange={setDraft} autoFocus />
      {reopensReview && <BackToReviewNotice />}
      <FormError message={error ?? undefined} />
      <div className="flex gap-2">
        <button
          type="button"
          onClick={save}
          disabled={!draft || saving}
          className={`rounded-md bg-indigo-600 px-3 py-1 text-xs font-medium text-white hover:bg-indigo-700
            disabled:opacity-50`}
        >
          {saving ? "Linking…" : "Link"}
        </button>
        <button
          type="button"
          onClick={onCancel}
          className="rounded-md px-3 py-1 text-xs text-stone-700 hover:bg-stone-100"
        >
          Cancel
        </button>
      </div>
    </div>
  );
}

/**
 * Choose an event (search as you type, or name a new one) and how the claim relates to it; reports the draft,
 * or null until an event is chosen. For a saved claim (`annotationId`), the events of its matches in other articles
 * come first, marked "likely".
 */
export function EventChoice({
  projectId,
  annotationId,
  onChange,
  autoFocus = false,
}: {
  projectId: string;
  annotationId?: string;
  onChange: (draft: LinkDraft | null) => void;
  autoFocus?: boolean;
}) {
  const likely = useLikelyEvents(annotationId);
  const [query, setQuery] = useState("");
  // The events matching `query` as the server last answered (which query that was, too).
  const [results, setResults] = useState<{ query: string; items: EventView[] }>({ query: "", items: [] });
  const [event, setEvent] = useState<LinkDraft["event"] | null>(null);
  const [newDate, setNewDate] = useState("");
  const [stance, setStance] = useState<Stance>("ASSERTS");
  const [attributedTo, setAttributedTo] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const ids = useId();

  // Search as you type (debounced; the newest answer wins).
  useEffect(() => {
    let current = true;
    const needle = query.trim();
    const timer = window.setTimeout(async () => {
      try {
        const page = await callApi<{ items: EventView[] }>(
          "GET",
          `/api/v1/projects/${projectId}/events?limit=20&q=${encodeURIComponent(needle)}`,
        );
        if (current) setResults({ query: needle, items: page.items });
      } catch (failure) {
        if (current) setError((failure as Error).message);
      }
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [projectId, query]);

  useEffect(() => {
    onChange(
      event
        ? { event: event.id === null ? { ...event, date: newDate || null } : event, stance, attributedTo, note }
        : null,
    );
  }, [event, newDate, stance, attributedTo, note, onChange]);

  const field = "w-full rounded-md border border-stone-300 px-2 py-1 text-sm";
  return (
    <div className="space-y-2">
      {event ? (
        <p className="text-sm">
          Event: <strong>{event.title}</strong>
          {event.id === null && " (new)"}{" "}
          <button type="button" onClick={() => setEvent(null)} className="text-xs text-indigo-700 hover:underline">
            change
          </button>
        </p>
      ) : (
        <div>
          <input
            type="search"
            value={query}
            onChange={(change) => setQuery(change.target.value)}
            placeholder="Find an event, or name a new one"
            aria-label="Event"
            className={field}
            // biome-ignore lint/a11y/noAutofocus: only when the user has just opened the event search.
            autoFocus={autoFocus}
          />
          <ul className="mt-1 max-h-40 overflow-y-auto text-sm" aria-label="Matching events">
            {withLikelyFirst(results.items, query.trim() ? [] : likely).map(({ candidate, isLikely }) => (
              <li key={candidate.id}>
                <button
                  type="button"
                  onClick={() => setEvent({ id: candidate.id, title: candidate.title, date: candidate.date })}
                  className="w-full rounded px-2 py-1 text-start hover:bg-white"
                >
                  {candidate.title}
                  {candidate.date && <span className="text-xs text-stone-500"> · {candidate.date}</span>}
                  {isLikely && <span className="ms-1 rounded bg-amber-100 px-1 text-xs text-amber-900">likely</span>}
                </button>
              </li>
            ))}
            {/* A new event is offered once the search for this very name has answered without it: never a second
                event of one name. */}
            {query.trim() && results.query !== query.trim() && (
              <li className="px-2 py-1 text-xs text-stone-500">Searching…</li>
            )}
            {query.trim() &&
              results.query === query.trim() &&
              !results.items.some((candidate) => candidate.title.toLowerCase() === query.trim().toLowerCase()) && (
                <li>
                  <button
                    type="button"
                    onClick={() => setEvent({ id: null, title: query.trim(), date: null })}
                    className="w-full rounded px-2 py-1 text-start font-medium text-indigo-700 hover:bg-white"
                  >
                    New event “{query.trim()}”
                  </button>
                </li>
              )}
          </ul>
        </div>
      )}
      {event?.id === null && (
        <label className="block text-xs text-stone-600">
          Date (optional)
          <input type="date" value={newDate} onChange={(change) => setNewDate(change.target.value)} className={field} />
        </label>
      )}
      <div className="grid grid-cols-2 gap-2">
        <label className="text-xs text-stone-600" htmlFor={`${ids}-stance`}>
          Stance
          <select
            id={`${ids}-stance`}
            value={stance}
            onChange={(change) => setStance(change.target.value as Stance)}
            className={field}
          >
            {STANCES.map((option) => (
              <option key={option} value={option}>
                {option.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-stone-600" htmlFor={`${ids}-attributed`}>
          Attributed to
          <input
            id={`${ids}-attributed`}
            value={attributedTo}
            onChange={(change) => setAttributedTo(change.target.value)}
            placeholder="e.g. Newsweek"
            className={field}
          />
        </label>
      </div>
      <label className="block text-xs text-stone-600" htmlFor={`${ids}-note`}>
        Link note
        <input id={`${ids}-note`} value={note} onChange={(change) => setNote(change.target.value)} className={field} />
      </label>
      <FormError message={error ?? undefined} />
    </div>
  );
}

type EventCandidate = Pick<EventView, "id" | "title" | "date">;

/** The events of a claim's matches in other articles (lib/matching), best first; none for an unsaved passage. */
function useLikelyEvents(annotationId: string | undefined): EventCandidate[] {
  const [events, setEvents] = useState<EventCandidate[]>([]);
  useEffect(() => {
    if (!annotationId) return;
    let current = true;
    callApi<{ items: MatchView[] }>("GET", `/api/v1/annotations/${annotationId}/matches`)
      .then(({ items }) => {
        const seen = new Map<string, EventCandidate>();
        for (const { event } of items) if (event && !seen.has(event.id)) seen.set(event.id, { ...event, date: null });
        if (current) setEvents([...seen.values()]);
      })
      // The picker works without them: the search lists every event.
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [annotationId]);
  return events;
}

/** The likely events first (with the search's date where it has it), then the other results. */
function withLikelyFirst(results: EventCandidate[], likely: EventCandidate[]) {
  const likelyIds = new Set(likely.map((event) => event.id));
  return [
    ...likely.map((event) => ({
      candidate: results.find((result) => result.id === event.id) ?? event,
      isLikely: true,
    })),
    ...results.filter((result) => !likelyIds.has(result.id)).map((candidate) => ({ candidate, isLikely: false })),
  ];
}
