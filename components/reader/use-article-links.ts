"use client";

import { type Dispatch, type SetStateAction, useEffect, useState } from "react";
import type { ArticleLinkView } from "@/lib/events";
import type { Page } from "@/lib/pagination";
import { callApi } from "./api-client";

/** The largest page the API answers (MAX_PAGE_SIZE). */
const LINKS_PER_REQUEST = 200;

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

/**
 * The links of the article's claims to events, fetched after the page has
 * shown (the page does not send them: a large article's would make it slow
 * to arrive), and again on each live change. Null until they arrive.
 */
export function useArticleLinks(
  articleId: string,
  liveChanges: number,
): [ArticleLinkView[] | null, Dispatch<SetStateAction<ArticleLinkView[] | null>>] {
  const [links, setLinks] = useState<ArticleLinkView[] | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each live change (`liveChanges`) fetches them again.
  useEffect(() => {
    let current = true;
    // A failure leaves what is shown; the next live change tries again.
    fetchArticleLinks(articleId)
      .then((fetched) => current && setLinks(fetched))
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [articleId, liveChanges]);
  return [links, setLinks];
}
