"use client";

import { useCallback, useMemo, useState } from "react";

/**
 * Sidebar cards sent with the page: about a screenful, so that the page of an article with thousands of
 * annotations stays small.
 */
const FIRST_CARDS = 20;
/**
 * Sidebar cards rendered once the highlights show, and added at a time: an article with thousands of
 * annotations opens quickly.
 */
const CARD_PAGE = 100;

/**
 * The sidebar's cards rendered in pages: a screenful with the page, the
 * rest of the first page once the highlights show (`listMore`), a page more
 * at a time (`showMore`), and as far as a card that must be shown (`reveal`).
 */
export function useCardPages<T extends { id: string }>(cards: T[]) {
  const [limit, setLimit] = useState(FIRST_CARDS);
  const listed = useMemo(() => cards.slice(0, limit), [cards, limit]);
  const showMore = useCallback(() => setLimit((current) => current + CARD_PAGE), []);
  const listMore = useCallback(() => setLimit((current) => Math.max(current, CARD_PAGE)), []);
  const reveal = useCallback(
    (id: string) => {
      const index = cards.findIndex((card) => card.id === id);
      setLimit((current) => (index >= current ? index + CARD_PAGE : current));
    },
    [cards],
  );
  return { listed, remaining: Math.max(0, cards.length - limit), showMore, listMore, reveal };
}
