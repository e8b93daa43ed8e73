"use client";

import { FormError } from "@/components/ui/form";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { memo, useEffect, useState } from "react";
import { clipText } from "@/lib/anchoring";
import type { TagView } from "@/lib/codebook";
import { formatMoment } from "@/components/ui/format";
import { safeColor } from "@/components/ui/tag-color";
import type { AnnotationView } from "@/lib/annotations";
import type { ArticleLinkView } from "@/lib/events";
import { CommentThread, type ThreadPermissions } from "./comment-thread";
import { EventLinks, type LinkPermissions } from "./event-links";
import { annotationOwner, annotationSubject } from "./accessible-names";
import { BackToReviewNotice, ReviewControls } from "./review-controls";
import { ReviewUrlControl } from "./review-url";
import { TagPicker } from "./tag-picker";
import type { AnnotationChanges, Conflict, ReaderAnnotation } from "./use-annotations";

const STATUS_LABEL = { DRAFT: "Draft", SUBMITTED: "Submitted", APPROVED: "Approved", REJECTED: "Rejected" } as const;
const ANCHOR_LABEL = { exact: null, moved: "moved", fuzzy: "found approximately", orphaned: "orphaned" } as const;
const QUOTE_LIMIT = 280;

interface AnnotationCardProps {
  annotation: ReaderAnnotation;
  /** The passage (from the article's text; an orphan's from its details), undefined while it loads. */
  quote: string | undefined;
  /** Its full view (note, review note), undefined while it loads. */
  details: AnnotationView | undefined;
  codebook: TagView[];
  canEdit: boolean;
  active: boolean;
  conflict: Conflict | undefined;
  actions: CardActions;
  /** Orphans are re-attached rather than shown in the text. */
  orphan?: boolean;
  /** Its links to events; null while the article's links load. */
  links: ArticleLinkView[] | null;
  linking: { projectId: string; permissions: LinkPermissions };
  discussion: ThreadPermissions;
  /** Editors approve and reject. */
  canReview: boolean;
  /** A link asked to open its discussion (a notification of a comment). */
  openThread?: boolean;
}

/** What a card can do; one stable object for all cards, so that unchanged cards skip re-rendering. */
export interface CardActions {
  show: (id: string) => void;
  reattach: (id: string) => void;
  update: (annotation: ReaderAnnotation, changes: AnnotationChanges, baseVersion?: number) => Promise<boolean>;
  remove: (annotation: ReaderAnnotation) => Promise<boolean>;
  reload: (id: string) => Promise<void>;
  setLinks: (annotationId: string, links: ArticleLinkView[]) => void;
}

/** One annotation in the sidebar: quote, tag chips, author, status, note; edit, delete, and the 412 story. */
export const AnnotationCard = memo(function AnnotationCard(props: AnnotationCardProps) {
  const {
    annotation,
    quote: passage,
    details,
    codebook,
    canEdit,
    active,
    conflict,
    actions,
    orphan = false,
    links,
    linking,
    discussion,
    canReview,
    openThread = false,
  } = props;
  const [showComments, setShowComments] = useState(openThread);
  useEffect(() => {
    if (openThread) setShowComments(true);
  }, [openThread]);
  // The thread's own count once it has loaded (it changes as comments are added or deleted here).
  const [threadCount, setThreadCount] = useState<number | null>(null);
  const commentCount = threadCount ?? annotation.commentCount;
  const [editing, setEditing] = useState(false);
  const [tagIds, setTagIds] = useState<string[]>([]);
  const [draftNote, setDraftNote] = useState("");
  // An editor's edit of an approved annotation sends it back for review unless they approve the changed version too.
  const [keepApproved, setKeepApproved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const quote = passage === undefined ? "…" : clipText(passage, QUOTE_LIMIT);
  // Its note, once its view has loaded (kept from an older version until the newer one arrives).
  const note = details?.note ?? null;
  const anchorLabel = ANCHOR_LABEL[annotation.anchor];
  // Completes the names of its buttons: every card has the same ones.
  const subject = annotationSubject(passage, annotation);

  // The version the edit form started from: saving sends it, so a change made meanwhile (even one that arrived
  // live) gets 412.
  const [baseVersion, setBaseVersion] = useState(annotation.version);

  // Edited from its loaded view, and only from one as new as what the page shows: no older note saved over a newer one.
  const editable = details !== undefined && details.version >= annotation.version ? details : undefined;

  function startEditing() {
    if (!editable) return;
    setBaseVersion(editable.version);
    setTagIds(editable.tags.map((tag) => tag.id));
    setDraftNote(editable.note ?? "");
    setKeepApproved(false);
    setError(null);
    setEditing(true);
  }

  const approved = annotation.status === "APPROVED";
  /** A change by the viewer sends this annotation back for review (they may not review). */
  const reopensReview = approved && !canReview;

  function saveEdit() {
    const changes: AnnotationChanges = {
      tags: tagIds,
      note: draftNote.trim() === "" ? null : draftNote,
      ...(approved && keepApproved ? { status: "APPROVED" } : {}),
    };
    return run(
      () => actions.update(annotation, changes, baseVersion),
      () => setEditing(false),
    );
  }

  async function run(action: () => Promise<boolean>, onDone: () => void) {
    setBusy(true);
    setError(null);
    try {
      if (await action()) onDone();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li
      data-annotation-id={annotation.id}
      data-testid="annotation-card"
      aria-current={active ? "true" : undefined}
      className={`rounded-lg border bg-white p-3 text-sm shadow-xs ${
        active ? "border-indigo-400 ring-2 ring-indigo-200" : "border-stone-200"
      } ${annotation.pending ? "opacity-70" : ""}`}
    >
      {!orphan ? (
        <button
          type="button"
          onClick={() => actions.show(annotation.id)}
          className="block w-full text-start"
          title="Show in the text"
          aria-label={`${quote}, ${annotationOwner(annotation)}`}
        >
          <q dir="auto" className="font-serif text-stone-900 [unicode-bidi:plaintext] hover:underline">
            {quote}
          </q>
        </button>
      ) : (
        <q
          dir="auto"
          className="block font-serif text-stone-700 line-through decoration-stone-400 [unicode-bidi:plaintext]"
        >
          {quote}
        </q>
      )}
      {annotation.tags.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-1" aria-label="Tags">
          {annotation.tags.map((tag) => (
            <li
              key={tag.id}
              className="inline-flex items-center gap-1 rounded-full border border-stone-200 px-2 py-0.5 text-xs"
              title={tag.group}
            >
              <span aria-hidden className="size-2 rounded-full" style={{ backgroundColor: safeColor(tag.color) }} />
              {tag.name}
            </li>
          ))}
        </ul>
      )}
      {note && (
        <p dir="auto" className="mt-2 whitespace-pre-wrap break-words text-stone-700" data-testid="annotation-note">
          {note}
        </p>
      )}
      {!annotation.pending && links && (
        <EventLinks
          projectId={linking.projectId}
          annotationId={annotation.id}
          links={links}
          permissions={linking.permissions}
          subject={subject}
          reopensReview={reopensReview}
          onChange={(next) => {
            actions.setLinks(annotation.id, next);
            // The link sent it back for review: show its new status (or, coding blind, that it is no longer shown).
            if (reopensReview) void actions.reload(annotation.id);
          }}
        />
      )}
      {!annotation.pending && (
        <button
          type="button"
          aria-expanded={showComments}
          aria-label={`${showComments ? "Hide comments on" : "Comments on"} ${subject} (${commentCount})`}
          onClick={() => setShowComments((shown) => !shown)}
          className="mt-1 text-xs font-medium text-indigo-700 hover:underline"
        >
          {showComments ? "Hide comments" : "Comments"} ({commentCount})
        </button>
      )}
      {showComments && (
        <CommentThread
          annotationId={annotation.id}
          permissions={discussion}
          subject={subject}
          onCount={setThreadCount}
        />
      )}
      <p className="mt-2 flex flex-wrap gap-x-1 text-xs text-stone-500">
        <span>{annotation.author.name}</span>
        <span>· {STATUS_LABEL[annotation.status]}</span>
        {anchorLabel && <span>· {anchorLabel}</span>}
        {annotation.pending && <span>· saving…</span>}
      </p>
      {annotation.status === "REJECTED" && details?.reviewNote && (
        <p className="mt-1 rounded-md bg-red-50 px-2 py-1 text-xs text-red-800">Rejected: {details.reviewNote}</p>
      )}
      {canReview && !annotation.pending && (
        <ReviewUrlControl
          reviewUrl={editable ? editable.reviewUrl : undefined}
          subject={subject}
          onChange={async (changes) => {
            let saved = false;
            await run(
              async () => (saved = await actions.update(annotation, changes)),
              () => undefined,
            );
            return saved;
          }}
        />
      )}
      {!annotation.pending && !orphan && (
        <ReviewControls
          key={annotation.status}
          annotation={annotation}
          subject={subject}
          isAuthor={annotation.author.id === discussion.viewerId && discussion.canWrite}
          canReview={canReview}
          onChange={(changes) =>
            void run(
              () => actions.update(annotation, changes),
              () => undefined,
            )
          }
        />
      )}

      {conflict && (
        <div role="alert" className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-amber-900">
          <p>
            Changed by <strong>{conflict.updatedBy ?? "someone else"}</strong>
            {` at ${formatMoment(conflict.updatedAt)} since you opened it. Your change was not saved.`}
          </p>
          <button
            type="button"
            aria-label={`Reload ${subject}`}
            onClick={() =>
              run(
                async () => {
                  await actions.reload(annotation.id);
                  return true;
                },
                () => setEditing(false),
              )
            }
            className={`mt-1 rounded-md border border-amber-400 bg-white px-2 py-0.5 text-xs font-medium
              hover:bg-amber-100`}
          >
            Reload
          </button>
        </div>
      )}
      {!editing && <FormError message={error ?? undefined} />}

      {editing ? (
        <div className="mt-3 border-t border-stone-100 pt-3">
          <TagPicker
            projectId={linking.projectId}
            label="Edit tags and note"
            codebook={codebook}
            selectedIds={tagIds}
            onChange={setTagIds}
            note={draftNote}
            onNoteChange={setDraftNote}
            onSave={saveEdit}
            onCancel={() => setEditing(false)}
            saving={busy}
            error={error}
            saveLabel="Save changes"
          >
            {reopensReview && <BackToReviewNotice />}
            {approved && canReview && (
              <label className="flex items-center gap-2 text-sm text-stone-700">
                <input
                  type="checkbox"
                  checked={keepApproved}
                  onChange={(event) => setKeepApproved(event.target.checked)}
                />
                Keep it approved (approve the changed version)
              </label>
            )}
          </TagPicker>
        </div>
      ) : (
        canEdit &&
        !annotation.pending && (
          <div className="mt-2 flex flex-wrap items-center gap-2">
            {orphan && (
              <button
                type="button"
                aria-label={`Re-attach ${subject}`}
                onClick={() => actions.reattach(annotation.id)}
                className="rounded-md border border-stone-300 px-2 py-0.5 text-xs font-medium hover:bg-stone-50"
              >
                Re-attach
              </button>
            )}
            <button
              type="button"
              aria-label={`Edit ${subject}`}
              onClick={startEditing}
              disabled={!editable}
              className={`rounded-md border border-stone-300 px-2 py-0.5 text-xs font-medium hover:bg-stone-50
                disabled:opacity-50`}
            >
              Edit
            </button>
            {(!approved || canReview) && (
              <ConfirmButton
                label="Delete"
                question="Delete this annotation?"
                subject={subject}
                onConfirm={() =>
                  run(
                    () => actions.remove(annotation),
                    () => {},
                  )
                }
                className={`rounded-md border border-stone-300 px-2 py-0.5 text-xs font-medium text-red-700
                  hover:bg-red-50`}
              />
            )}
          </div>
        )
      )}
    </li>
  );
});
