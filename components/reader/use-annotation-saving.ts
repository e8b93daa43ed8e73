"use client";

import { clipText } from "@/lib/anchoring";
import type { TagView } from "@/lib/codebook";
import type { ArticleLinkView } from "@/lib/events";
import type { ReaderStatus } from "./annotation-sidebar";
import { type LinkDraft, saveLink } from "./event-links";
import type { TextSelection } from "./selection-popover";
import type { AnnotationChanges, ReaderAnnotation, useAnnotations } from "./use-annotations";

type Annotations = ReturnType<typeof useAnnotations>;

interface SavingOptions {
  projectId: string;
  codebook: TagView[];
  author: { id: string; name: string };
  create: Annotations["create"];
  update: (annotation: ReaderAnnotation, changes: AnnotationChanges) => Promise<boolean>;
  addLink: (link: ArticleLinkView) => void;
  onStatus: (status: ReaderStatus) => void;
  /** The annotation is stored (its link to an event may follow): the popover can close. */
  onStored: () => void;
  onReattached: () => void;
}

/** A passage short enough for a one-line message. */
export function shortQuote(quote: string): string {
  return clipText(quote, 60);
}

/**
 * What the selection popover saves: a new annotation on the selected passage
 * (and its link to an event, if one was chosen), or an orphan re-attached to
 * it. Each says how it went through `onStatus`; a failed save throws, for the
 * popover to show.
 */
export function useAnnotationSaving({
  projectId,
  codebook,
  author,
  create,
  update,
  addLink,
  onStatus,
  onStored,
  onReattached,
}: SavingOptions) {
  async function saveSelection(
    target: TextSelection,
    tagIds: string[],
    note: string,
    link: LinkDraft | null,
  ): Promise<void> {
    const chosen = codebook.filter((tag) => tagIds.includes(tag.id));
    const saved = await create({
      start: target.start,
      end: target.end,
      exact: target.exact,
      tags: chosen.map((tag) => ({ id: tag.id, name: tag.name, group: tag.group.name, color: tag.color })),
      note: note.trim() === "" ? null : note,
      author,
    });
    onStatus({ kind: "info", text: `Annotation saved: “${shortQuote(saved.exact)}”.` });
    onStored();
    if (!link) return;
    try {
      const created = await saveLink(projectId, saved.id, link);
      addLink(created);
      onStatus({ kind: "info", text: `Annotation saved and linked to “${created.event.title}”.` });
    } catch (failure) {
      onStatus({ kind: "error", text: `Annotation saved, but not linked to the event: ${(failure as Error).message}` });
    }
  }

  async function reattach(orphan: ReaderAnnotation | undefined, target: TextSelection): Promise<void> {
    if (!orphan) return;
    if (await update(orphan, { start: target.start, end: target.end, exact: target.exact })) {
      onStatus({ kind: "info", text: `Re-attached to “${shortQuote(target.exact)}”.` });
    } else {
      onStatus({ kind: "error", text: "Not re-attached: the annotation was changed meanwhile. See its card." });
    }
    onReattached();
    onStored();
  }

  return { saveSelection, reattach };
}
