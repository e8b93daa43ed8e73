"use client";

import Link from "@/components/ui/link";
import { type FormEvent, type ReactNode, useState } from "react";
import { callApi } from "@/components/client/api-client";
import { type UndoableRun as RunAction, UndoableMessage, useUndoableAction } from "@/components/ui/undoable-action";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { formatDateRange } from "@/components/ui/format";
import { MergeInto } from "@/components/ui/merge-into";
import type { EventView } from "@/lib/events";

interface Permissions {
  canCreate: boolean;
  canManage: boolean;
}

const field = "rounded-md border border-stone-300 px-2 py-1 text-sm";

/** The project's events: create (reviewers, editors), edit, merge into another, delete (editors). */
export function EventsManager({
  projectId,
  events,
  permissions,
  filtered = false,
}: {
  projectId: string;
  events: EventView[];
  permissions: Permissions;
  filtered?: boolean;
}) {
  const { message, run, undo } = useUndoableAction();

  return (
    <div className="space-y-4">
      <div aria-live="polite">
        <UndoableMessage message={message} onUndo={undo} />
      </div>
      {permissions.canCreate && (
        <EventForm
          submitLabel="Create event"
          onSubmit={(values) =>
            run(async () => {
              const created = await callApi<EventView>("POST", `/api/v1/projects/${projectId}/events`, {
                body: values,
              });
              return `Created “${created.title}”.`;
            })
          }
        />
      )}
      {events.length === 0 ? (
        <p className="text-stone-600">
          {filtered
            ? "No event matches."
            : "No events yet. Create one here, or link a claim to a new event from an article page."}
        </p>
      ) : (
        <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white shadow-xs">
          {events.map((event) => (
            <EventRow
              key={`${event.id}-${event.updatedAt}`}
              event={event}
              others={events.filter((other) => other.id !== event.id)}
              canManage={permissions.canManage}
              run={run}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

interface EventValues {
  title: string;
  date: string | null;
  dateEnd: string | null;
  place: string | null;
  description: string | null;
}

function EventForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: EventView;
  submitLabel: string;
  onSubmit: (values: EventValues) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const [values, setValues] = useState<EventValues>({
    title: initial?.title ?? "",
    date: initial?.date ?? null,
    dateEnd: initial?.dateEnd ?? null,
    place: initial?.place ?? null,
    description: initial?.description ?? null,
  });
  const set = (key: keyof EventValues) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [key]: event.target.value || null }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await onSubmit(values);
    if (saved && !initial) setValues({ title: "", date: null, dateEnd: null, place: null, description: null });
  }

  return (
    <form
      onSubmit={submit}
      aria-label={submitLabel}
      className="grid gap-2 rounded-lg border border-stone-200 bg-white p-3 shadow-xs sm:grid-cols-[2fr_1fr_1fr_1.5fr]"
    >
      <Captioned caption="What happened">
        <input
          required
          aria-label="Title"
          placeholder="e.g. Resistance retakes three districts"
          value={values.title}
          onChange={(event) => setValues((current) => ({ ...current, title: event.target.value }))}
          className={field}
        />
      </Captioned>
      <Captioned caption="Date">
        <input type="date" aria-label="Date" value={values.date ?? ""} onChange={set("date")} className={field} />
      </Captioned>
      <Captioned caption="Until (for a range)">
        <input
          type="date"
          aria-label="Until (for a range)"
          value={values.dateEnd ?? ""}
          onChange={set("dateEnd")}
          className={field}
        />
      </Captioned>
      <Captioned caption="Place">
        <input aria-label="Place" value={values.place ?? ""} onChange={set("place")} className={field} />
      </Captioned>
      <textarea
        aria-label="Description"
        placeholder="Description"
        value={values.description ?? ""}
        onChange={set("description")}
        rows={1}
        className={`${field} sm:col-span-3`}
      />
      <div className="flex gap-2">
        <button
          type="submit"
          className="rounded-md bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-700"
        >
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel} className="rounded-md px-3 py-1 text-sm hover:bg-stone-100">
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** A field with its name shown above it (date fields have no placeholder to say what they are). */
function Captioned({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is `children`, which the rule cannot see.
    <label className="flex flex-col gap-0.5 text-xs text-stone-500">
      {caption}
      {children}
    </label>
  );
}

function EventRow({
  event,
  others,
  canManage,
  run,
}: {
  event: EventView;
  others: EventView[];
  canManage: boolean;
  run: RunAction;
}) {
  const [editing, setEditing] = useState(false);
  const when = formatDateRange(event.date, event.dateEnd) ?? "Undated";

  if (editing) {
    return (
      <li className="p-2">
        <EventForm
          initial={event}
          submitLabel="Save event"
          onCancel={() => setEditing(false)}
          onSubmit={(values) =>
            run(async () => {
              await callApi("PATCH", `/api/v1/events/${event.id}`, { body: values });
              return `Saved “${values.title}”.`;
            })
          }
        />
      </li>
    );
  }
  return (
    <li className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="event-row">
      <div className="min-w-0 flex-1">
        <Link href={`/events/${event.id}`} className="font-medium text-stone-900 hover:underline">
          {event.title}
        </Link>
        <p className="text-xs text-stone-500">
          {[when, event.place, `${event.linkCount} linked claim${event.linkCount === 1 ? "" : "s"}`]
            .filter(Boolean)
            .join(" · ")}
        </p>
        {event.description && <p className="mt-1 text-sm text-stone-700">{event.description}</p>}
      </div>
      {canManage && (
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            onClick={() => setEditing(true)}
            className="rounded-md border border-stone-300 px-2 py-1 text-xs hover:bg-stone-50"
          >
            Edit
          </button>
          {others.length > 0 && (
            <MergeInto
              name={event.title}
              others={others.map((other) => ({ id: other.id, name: other.title }))}
              moves={
                event.linkCount === 0
                  ? "It has no linked claims."
                  : event.linkCount === 1
                    ? "Its linked claim moves there."
                    : `Its ${event.linkCount} linked claims move there.`
              }
              onMerge={(into) =>
                run(async () => {
                  const survivor = await callApi<EventView>("POST", `/api/v1/events/${event.id}/merge`, {
                    body: { into },
                  });
                  return {
                    text: `Merged “${event.title}” into “${survivor.title}”: its links moved there.`,
                    undo: async () => {
                      await callApi("POST", `/api/v1/events/${event.id}/undo-merge`);
                      return `Undid the merge: “${event.title}” is back with its links.`;
                    },
                  };
                })
              }
            />
          )}
          <ConfirmButton
            label="Delete"
            question={
              event.linkCount > 0
                ? `Delete this event and its ${event.linkCount === 1 ? "link" : `${event.linkCount} links`} to claims?`
                : "Delete this event?"
            }
            onConfirm={() =>
              run(async () => {
                await callApi("DELETE", `/api/v1/events/${event.id}`);
                return {
                  text: `Deleted “${event.title}”.`,
                  undo: async () => {
                    await callApi("POST", `/api/v1/events/${event.id}/restore`);
                    return `Restored “${event.title}”.`;
                  },
                };
              })
            }
            className="rounded-md border border-stone-300 px-2 py-1 text-xs text-red-700 hover:bg-red-50"
          />
        </div>
      )}
    </li>
  );
}
