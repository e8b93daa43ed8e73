"use client";

import { type FormEvent, useState } from "react";
import { callApi } from "@/components/client/api-client";
import { ActionMessage, useRefreshingAction } from "@/components/ui/action-message";
import { safeColor } from "@/components/ui/tag-color";
import type { TagView } from "@/lib/codebook";
import { MAX_SHORTCUT_KEYS, shortcutKeys } from "@/lib/codebook/shortcuts";
import { describeRules, GroupRules } from "./group-rules";

const SHORTCUT_HINT = "One key, or two typed in turn (such as m then e); no shortcut may start another";

type TagChanges = Partial<{
  name: string;
  description: string | null;
  color: string;
  shortcut: string | null;
  position: number;
  archived: boolean;
}>;

/**
 * The codebook by group. Editors change a tag in place (saved when a field is
 * left), move it with the arrow buttons, archive or delete it, and add tags
 * to a group or to a new one. Others read it.
 */
export function CodebookEditor({ projectId, tags, canEdit }: { projectId: string; tags: TagView[]; canEdit: boolean }) {
  const { message, run } = useRefreshingAction();

  const groups = new Map<string, TagView["group"] & { tags: TagView[] }>();
  for (const tag of tags) {
    const group = groups.get(tag.group.id) ?? { ...tag.group, tags: [] };
    group.tags.push(tag);
    groups.set(tag.group.id, group);
  }

  const change = (tag: TagView, changes: TagChanges) =>
    run(async () => {
      const saved = await callApi<TagView>("PATCH", `/api/v1/tags/${tag.id}`, { body: changes });
      return `Saved “${saved.name}”.`;
    });
  const changeGroup = (groupId: string, changes: { name?: string; position?: number }) =>
    run(async () => {
      const saved = await callApi<{ name: string }>("PATCH", `/api/v1/tag-groups/${groupId}`, { body: changes });
      return `Saved group “${saved.name}”.`;
    });
  const remove = (tag: TagView) =>
    run(async () => {
      const archived = await callApi<TagView | undefined>("DELETE", `/api/v1/tags/${tag.id}`);
      return archived
        ? `“${tag.name}” is in use, so it was archived: hidden from pickers, kept on its annotations.`
        : `Deleted “${tag.name}”.`;
    });

  return (
    <div className="space-y-6">
      <div aria-live="polite">
        <ActionMessage message={message} />
      </div>
      {[...groups.entries()].map(([groupId, group], groupIndex) => (
        <section
          key={groupId}
          aria-label={group.name}
          className="rounded-lg border border-stone-200 bg-white shadow-xs"
        >
          {canEdit ? (
            <div
              className="flex flex-wrap items-center gap-2 border-b border-stone-100 px-4 py-2"
              key={`${groupId}-${group.name}`}
            >
              <input
                aria-label={`Name of group ${group.name}`}
                defaultValue={group.name}
                onBlur={(event) =>
                  event.target.value.trim() !== group.name && changeGroup(groupId, { name: event.target.value })
                }
                className={`w-56 rounded-md border border-transparent px-2 py-1 text-sm font-semibold uppercase
                  tracking-wide text-stone-600 hover:border-stone-300 focus:border-stone-300`}
              />
              <button
                type="button"
                aria-label={`Move group ${group.name} up`}
                disabled={groupIndex === 0}
                onClick={() => changeGroup(groupId, { position: groupIndex - 1 })}
                className="rounded px-1.5 py-1 text-stone-600 hover:bg-stone-100 disabled:opacity-30"
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={`Move group ${group.name} down`}
                disabled={groupIndex === groups.size - 1}
                onClick={() => changeGroup(groupId, { position: groupIndex + 1 })}
                className="rounded px-1.5 py-1 text-stone-600 hover:bg-stone-100 disabled:opacity-30"
              >
                ↓
              </button>
              <div className="basis-full sm:ml-auto sm:basis-auto">
                <GroupRules group={group} run={run} />
              </div>
            </div>
          ) : (
            <h2
              className={`border-b border-stone-100 px-4 py-2 text-sm font-semibold uppercase tracking-wide
                text-stone-600`}
            >
              {group.name}{" "}
              <span className="font-normal normal-case tracking-normal text-stone-600">· {describeRules(group)}</span>
            </h2>
          )}
          <ul className="divide-y divide-stone-100">
            {group.tags.map((tag, index) => (
              <li
                key={`${tag.id}-${tag.name}-${tag.color}-${tag.shortcut}-${tag.description}`}
                className={`flex flex-wrap items-center gap-2 px-4 py-2 ${
                  tag.archived ? "bg-stone-50 opacity-70" : ""
                }`}
                data-testid="codebook-tag"
              >
                {canEdit ? (
                  <>
                    <input
                      type="color"
                      aria-label={`Colour of ${tag.name}`}
                      defaultValue={safeColor(tag.color)}
                      onBlur={(event) => event.target.value !== tag.color && change(tag, { color: event.target.value })}
                      className="h-7 w-9 cursor-pointer rounded border border-stone-300"
                    />
                    <input
                      aria-label={`Name of ${tag.name}`}
                      defaultValue={tag.name}
                      onBlur={(event) =>
                        event.target.value.trim() !== tag.name && change(tag, { name: event.target.value })
                      }
                      className="w-56 rounded-md border border-stone-300 px-2 py-1 text-sm"
                    />
                    <input
                      aria-label={`Shortcut of ${tag.name}`}
                      title={SHORTCUT_HINT}
                      defaultValue={tag.shortcut ?? ""}
                      maxLength={MAX_SHORTCUT_KEYS}
                      onBlur={(event) =>
                        event.target.value !== (tag.shortcut ?? "") &&
                        change(tag, { shortcut: event.target.value || null })
                      }
                      placeholder="key"
                      className="w-14 rounded-md border border-stone-300 px-2 py-1 text-center font-mono text-sm"
                    />
                    <input
                      aria-label={`Description of ${tag.name}`}
                      defaultValue={tag.description ?? ""}
                      onBlur={(event) =>
                        event.target.value !== (tag.description ?? "") &&
                        change(tag, { description: event.target.value })
                      }
                      placeholder="Description"
                      className="min-w-48 flex-1 rounded-md border border-stone-300 px-2 py-1 text-sm"
                    />
                    <button
                      type="button"
                      aria-label={`Move ${tag.name} up`}
                      disabled={index === 0}
                      onClick={() => change(tag, { position: index - 1 })}
                      className="rounded px-1.5 py-1 text-stone-600 hover:bg-stone-100 disabled:opacity-30"
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      aria-label={`Move ${tag.name} down`}
                      disabled={index === group.tags.length - 1}
                      onClick={() => change(tag, { position: index + 1 })}
                      className="rounded px-1.5 py-1 text-stone-600 hover:bg-stone-100 disabled:opacity-30"
                    >
                      ↓
                    </button>
                    {tag.archived ? (
                      <button
                        type="button"
                        onClick={() => change(tag, { archived: false })}
                        className="rounded-md border border-stone-300 px-2 py-1 text-xs hover:bg-stone-50"
                      >
                        Restore
                      </button>
                    ) : (
                      <button
                        type="button"
                        onClick={() => remove(tag)}
                        className="rounded-md border border-stone-300 px-2 py-1 text-xs text-red-700 hover:bg-red-50"
                      >
                        Delete
                      </button>
                    )}
                  </>
                ) : (
                  <>
                    <span
                      aria-hidden
                      className="size-3 rounded-full"
                      style={{ backgroundColor: safeColor(tag.color) }}
                    />
                    <span className="font-medium">{tag.name}</span>
                    {tag.shortcut && (
                      <kbd className="rounded bg-stone-100 px-1 font-mono text-xs">
                        {shortcutKeys(tag.shortcut).join(" ")}
                      </kbd>
                    )}
                    <span className="text-sm text-stone-600">{tag.description}</span>
                  </>
                )}
                {tag.archived && <span className="text-xs text-stone-500">archived</span>}
              </li>
            ))}
          </ul>
          {canEdit && (
            <AddTag projectId={projectId} group={group.name} onAdded={(name) => run(async () => `Added “${name}”.`)} />
          )}
        </section>
      ))}
      {canEdit && (
        <section aria-label="New group" className="rounded-lg border border-dashed border-stone-300 p-3">
          <AddTag
            projectId={projectId}
            group={null}
            onAdded={(name) => run(async () => `Added “${name}” in a new group.`)}
          />
        </section>
      )}
    </div>
  );
}

function AddTag({
  projectId,
  group,
  onAdded,
}: {
  projectId: string;
  group: string | null;
  onAdded: (name: string) => void;
}) {
  const [name, setName] = useState("");
  const [groupName, setGroupName] = useState("");
  const [color, setColor] = useState("#64748b");
  const [shortcut, setShortcut] = useState("");
  const [error, setError] = useState<string | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await callApi("POST", `/api/v1/projects/${projectId}/tags`, {
        body: { name, group: group ?? groupName, color, shortcut: shortcut || null },
      });
      onAdded(name);
      setName("");
      setShortcut("");
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  return (
    <form
      onSubmit={add}
      className="flex flex-wrap items-center gap-2 px-4 py-2"
      aria-label={group ? `Add a tag to ${group}` : "Add a tag in a new group"}
    >
      {!group && (
        <input
          required
          aria-label="New group name"
          value={groupName}
          onChange={(event) => setGroupName(event.target.value)}
          placeholder="New group"
          className="w-40 rounded-md border border-stone-300 px-2 py-1 text-sm"
        />
      )}
      <input
        type="color"
        aria-label="New tag colour"
        value={color}
        onChange={(event) => setColor(event.target.value)}
        className="h-7 w-9 rounded border border-stone-300"
      />
      <input
        required
        aria-label="New tag name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        placeholder="New tag"
        className="w-56 rounded-md border border-stone-300 px-2 py-1 text-sm"
      />
      <input
        aria-label="New tag shortcut"
        title={SHORTCUT_HINT}
        value={shortcut}
        maxLength={MAX_SHORTCUT_KEYS}
        onChange={(event) => setShortcut(event.target.value)}
        placeholder="key"
        className="w-14 rounded-md border border-stone-300 px-2 py-1 text-center font-mono text-sm"
      />
      <button
        type="submit"
        className="rounded-md bg-indigo-600 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-700"
      >
        Add
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      )}
    </form>
  );
}
