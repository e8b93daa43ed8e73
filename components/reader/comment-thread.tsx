"use client";

import { Fragment, useContext, useEffect, useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { UndoButton } from "@/components/ui/undoable-action";
import { FormError } from "@/components/ui/form";
import { formatMoment } from "@/components/ui/format";
import type { CommentView } from "@/lib/comments";
import { callApi } from "@/components/client/api-client";
import { MentionTextarea } from "@/components/mentions/mention-textarea";
import { commentSubject } from "./accessible-names";
import { LiveChanges } from "./live-changes";
import { ShortTextForm } from "./short-text-form";

const LINK = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'])/g;

/** Plain text with its http(s) links clickable; everything else stays text (React escapes it). */
export function Linkified({ text }: { text: string }) {
  return text.split(LINK).map((piece, index) =>
    index % 2 === 1 ? (
      <a
        // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one text, in order.
        key={index}
        href={piece}
        target="_blank"
        rel="noopener noreferrer nofollow ugc"
        className="text-indigo-700 underline break-all"
      >
        {piece}
      </a>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: as above.
      <Fragment key={index}>{piece}</Fragment>
    ),
  );
}

export interface ThreadPermissions {
  /** Whose members a comment may mention. */
  projectId: string;
  viewerId: string;
  canWrite: boolean;
  canModerate: boolean;
}

/**
 * An annotation's discussion: newest last, author and time, add, edit own, delete own (editors: any).
 * `subject` names the annotation (accessible-names).
 */
export function CommentThread({
  annotationId,
  permissions,
  subject,
  onCount,
}: {
  annotationId: string;
  permissions: ThreadPermissions;
  subject: string;
  /** Told how many comments the thread holds, whenever that changes. */
  onCount?: (count: number) => void;
}) {
  const [comments, setComments] = useState<CommentView[] | null>(null);
  const [draft, setDraft] = useState("");
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The comment just deleted, which the thread offers to bring back. */
  const [removed, setRemoved] = useState<string | null>(null);
  const liveChanges = useContext(LiveChanges);

  // Fetched again when a change arrives live: someone else may have commented.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each live change (`liveChanges`) fetches it again.
  useEffect(() => {
    let current = true;
    callApi<{ items: CommentView[] }>("GET", `/api/v1/annotations/${annotationId}/comments?limit=200`)
      .then((page) => current && setComments(page.items))
      .catch((failure: Error) => current && setError(failure.message));
    return () => {
      current = false;
    };
  }, [annotationId, liveChanges]);

  useEffect(() => {
    if (comments) onCount?.(comments.length);
  }, [comments, onCount]);

  async function run(action: () => Promise<void>) {
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  const add = () =>
    run(async () => {
      const created = await callApi<CommentView>("POST", `/api/v1/annotations/${annotationId}/comments`, {
        body: { text: draft },
      });
      setComments((current) => [...(current ?? []), created]);
      setDraft("");
    });
  const save = () =>
    run(async () => {
      const saved = await callApi<CommentView>("PATCH", `/api/v1/comments/${editing!.id}`, {
        body: { text: editing!.text },
      });
      setComments((current) => current?.map((comment) => (comment.id === saved.id ? saved : comment)) ?? null);
      setEditing(null);
    });
  const remove = (id: string) =>
    run(async () => {
      await callApi<void>("DELETE", `/api/v1/comments/${id}`);
      setComments((current) => current?.filter((comment) => comment.id !== id) ?? null);
      setRemoved(id);
    });
  /** Brings the comment just deleted back into the thread, where it was. */
  const restore = (id: string) =>
    run(async () => {
      const restored = await callApi<CommentView>("POST", `/api/v1/comments/${id}/restore`);
      setComments((current) => [...(current ?? []), restored].sort((a, b) => a.id.localeCompare(b.id)));
      setRemoved(null);
    });

  return (
    <div className="mt-2 space-y-2 border-t border-stone-100 pt-2" data-testid="comment-thread">
      {comments === null && !error && <p className="text-xs text-stone-500">Loading comments…</p>}
      {comments?.length === 0 && <p className="text-xs text-stone-500">No comments yet.</p>}
      <ul className="space-y-2" aria-label="Comments">
        {comments?.map((comment) => (
          <li key={comment.id} className="text-sm">
            <p className="text-xs text-stone-500">
              <span className="font-medium text-stone-700">{comment.author.name}</span> ·{" "}
              {formatMoment(comment.createdAt)}
              {comment.updatedAt !== comment.createdAt && " (edited)"}
            </p>
            {editing?.id === comment.id ? (
              <div className="space-y-1">
                <MentionTextarea
                  projectId={permissions.projectId}
                  aria-label={`Edit ${commentSubject(comment)}`}
                  value={editing.text}
                  onValueChange={(text) => setEditing({ id: comment.id, text })}
                  rows={2}
                  className="w-full rounded-md border border-stone-300 px-2 py-1 text-sm"
                />
                <button
                  type="button"
                  aria-label={`Save ${commentSubject(comment)}`}
                  onClick={save}
                  className="rounded-md bg-indigo-600 px-2 py-0.5 text-xs font-medium text-white"
                >
                  Save
                </button>
                <button
                  type="button"
                  aria-label={`Cancel editing ${commentSubject(comment)}`}
                  onClick={() => setEditing(null)}
                  className="px-2 py-0.5 text-xs"
                >
                  Cancel
                </button>
              </div>
            ) : (
              <p dir="auto" className="whitespace-pre-wrap break-words text-stone-800">
                <Linkified text={comment.text} />
              </p>
            )}
            <div className="flex gap-2 text-xs">
              {permissions.canWrite && comment.author.id === permissions.viewerId && editing?.id !== comment.id && (
                <button
                  type="button"
                  aria-label={`Edit ${commentSubject(comment)}`}
                  onClick={() => setEditing({ id: comment.id, text: comment.text })}
                  className="text-stone-600 hover:underline"
                >
                  Edit
                </button>
              )}
              {((permissions.canWrite && comment.author.id === permissions.viewerId) || permissions.canModerate) && (
                <ConfirmButton
                  label="Delete"
                  question="Delete this comment?"
                  subject={commentSubject(comment)}
                  onConfirm={() => remove(comment.id)}
                  className="text-red-700 hover:underline"
                />
              )}
            </div>
          </li>
        ))}
      </ul>
      <div aria-live="polite">
        {removed && (
          <p role="status" className="flex items-center gap-2 text-xs text-stone-700">
            Comment deleted.
            <UndoButton focus subject="Comment deleted." onUndo={() => restore(removed)} />
          </p>
        )}
      </div>
      <FormError message={error ?? undefined} />
      {permissions.canWrite && (
        <ShortTextForm
          label={`New comment on ${subject}`}
          placeholder="Add to the discussion (@ mentions a member)"
          mentionsIn={permissions.projectId}
          value={draft}
          onChange={setDraft}
          send={{
            text: "Comment",
            label: `Comment on ${subject}`,
            onClick: add,
            className: `rounded-md bg-indigo-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-indigo-700
              disabled:opacity-50`,
          }}
        />
      )}
    </div>
  );
}
