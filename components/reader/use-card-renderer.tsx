"use client";

import type { AnnotationView } from "@/lib/annotations";
import type { TagView } from "@/lib/codebook";
import type { ArticleLinkView } from "@/lib/events";
import { AnnotationCard, type CardActions } from "./annotation-card";
import { type ReaderViewer, useCardPermissions } from "./reader-viewer";
import type { Conflict, ReaderAnnotation } from "./use-annotations";

interface CardSources {
  projectId: string;
  viewer: ReaderViewer;
  codebook: TagView[];
  details: ReadonlyMap<string, AnnotationView>;
  conflicts: Record<string, Conflict>;
  quoteOf: (annotation: ReaderAnnotation) => string | undefined;
  linksOf: (annotationId: string) => ArticleLinkView[] | null;
  actions: CardActions;
  /** The card marked active: the annotation shown, or among the orphans the one being re-attached. */
  activeId: string | null;
  reattachId: string | null;
  /** The annotation whose discussion a link asked to open. */
  threadId: string | null;
}

/** Renders a sidebar card from what the reader holds of its annotation; also returns the viewer's discussion rights. */
export function useCardRenderer({
  projectId,
  viewer,
  codebook,
  details,
  conflicts,
  quoteOf,
  linksOf,
  actions,
  activeId,
  reattachId,
  threadId,
}: CardSources) {
  const { canEdit, linking, discussion } = useCardPermissions(projectId, viewer);
  const renderCard = (annotation: ReaderAnnotation, orphan: boolean) => (
    <AnnotationCard
      key={annotation.id}
      annotation={annotation}
      quote={quoteOf(annotation)}
      details={details.get(annotation.id)}
      codebook={codebook}
      canEdit={canEdit(annotation)}
      active={annotation.id === (orphan ? reattachId : activeId)}
      conflict={conflicts[annotation.id]}
      actions={actions}
      orphan={orphan}
      links={linksOf(annotation.id)}
      linking={linking}
      discussion={discussion}
      canReview={viewer.canEditAny}
      openThread={annotation.id === threadId}
    />
  );
  return { renderCard, discussion };
}
