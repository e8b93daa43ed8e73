"use client";

import { useEffect, useState } from "react";
import { callApi } from "@/components/client/api-client";
import { likelyTagIds } from "@/lib/suggestions/likely-tags";
import type { RankedTagView } from "@/lib/suggestions/tag-ranking";

const NONE: string[] = [];

/**
 * The ids of the tags the project's annotations make likely for the passage
 * start–end (GET /api/v1/articles/:id/tag-ranking), most likely first: none
 * until the answer arrives, and none if it fails (the picker works the same).
 */
export function useTagRanking(articleId: string, start: number, end: number, enabled: boolean): string[] {
  const [likely, setLikely] = useState(NONE);
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    callApi<{ items: RankedTagView[] }>("GET", `/api/v1/articles/${articleId}/tag-ranking?start=${start}&end=${end}`)
      .then(({ items }) => {
        if (!current) return;
        const ids = likelyTagIds(items.map(({ tag, score }) => ({ tagId: tag.id, score })));
        setLikely(ids.length > 0 ? ids : NONE);
      })
      .catch(() => undefined); // a suggestion, not a need: the picker shows the codebook as it is
    return () => {
      current = false;
    };
  }, [articleId, start, end, enabled]);
  return likely;
}
