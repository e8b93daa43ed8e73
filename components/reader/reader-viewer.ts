"use client";

import { useMemo } from "react";
import type { ReaderAnnotation } from "./use-annotations";

/** Who reads the article, and what they may do there. */
export interface ReaderViewer {
  id: string;
  name: string;
  canCreate: boolean;
  canEditAny: boolean;
  canEditText: boolean;
  /** A reviewer coding blind: other members' annotations show once an editor approves them. */
  codesBlind: boolean;
}

/** What the viewer may do with the cards: edit one, link it to events, discuss it; one stable object per viewer. */
export function useCardPermissions(projectId: string, viewer: ReaderViewer) {
  return useMemo(
    () => ({
      canEdit: (annotation: ReaderAnnotation) =>
        viewer.canEditAny || (viewer.canCreate && annotation.author.id === viewer.id),
      linking: {
        projectId,
        permissions: { viewerId: viewer.id, canLink: viewer.canCreate, canManage: viewer.canEditAny },
      },
      discussion: { projectId, viewerId: viewer.id, canWrite: viewer.canCreate, canModerate: viewer.canEditAny },
    }),
    [projectId, viewer],
  );
}
