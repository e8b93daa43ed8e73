"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import type { ArticleLinkView } from "@/lib/events";
import type { Page } from "@/lib/pagination";
import { callApi } from "@/components/client/api-client";

/** The largest page the API answers (MAX_PAGE_SIZE). */
const LINKS_PER_REQUEST = 200;
const NO_LINKS: ArticleLinkView[] = [];

async function fetchArticleLinks(articleId: string): Promise<ArticleLinkView[]> {
  const links: ArticleLinkView[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
    const page: Page<ArticleLinkView> = await callApi(
      "GET",
      `/api/v1/articles/${articleId}/links?limit=${LINKS_PER_REQUEST}${query}`,
    );
    links.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return links;
}

/** Each annotation's links while they load: none known (one function, so that holding it again changes no state). */
export const LINKS_NOT_LOADED = (_annotationId: string): ArticleLinkView[] | null => null;

/**
 * The links of the article's claims to events, fetched once `wanted` (after
 * the highlights have painted: the page does not send them, a large
 * article's would make it slow to arrive), and again on each live change.
 * `linksOf` an annotation is null until they arrive; `replaceLinksOf` and
 * `addLink` keep what the reader changed itself.
 */
export function useArticleLinks(articleId: string, liveChanges: number, wanted: boolean) {
  const [links, setLinks] = useState<ArticleLinkView[] | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each live change (`liveChanges`) fetches them again.
  useEffect(() => {
    if (!wanted) return;
    let current = true;
    // A failure leaves what is shown; the next live change tries again.
    fetchArticleLinks(articleId)
      .then((fetched) => current && setLinks(fetched))
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [articleId, liveChanges, wanted]);

  const byAnnotation = useMemo(() => {
    const grouped = new Map<string, ArticleLinkView[]>();
    for (const link of links ?? []) grouped.set(link.annotationId, [...(grouped.get(link.annotationId) ?? []), link]);
    return grouped;
  }, [links]);
  const linksOf = useMemo(
    () => (links ? (annotationId: string) => byAnnotation.get(annotationId) ?? NO_LINKS : LINKS_NOT_LOADED),
    [links, byAnnotation],
  );
  const replaceLinksOf = useCallback(
    (annotationId: string, next: ArticleLinkView[]) =>
      setLinks((current) => [...(current ?? []).filter((link) => link.annotationId !== annotationId), ...next]),
    [],
  );
  const addLink = useCallback((link: ArticleLinkView) => setLinks((current) => [...(current ?? []), link]), []);
  return { linksOf, replaceLinksOf, addLink };
}
