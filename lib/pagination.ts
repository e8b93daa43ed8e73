import { z } from "zod";
import { badRequest } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** `?limit=&cursor=` of every list (other query parameters are ignored, as cache-busters are). */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().max(200).optional(),
});
export type PageQuery = z.infer<typeof pageQuery>;

/** The shape of every list the API answers. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The cursor is the last id of a page, opaque to callers. */
function encodeCursor(id: string): string {
  return Buffer.from(id, "utf8").toString("base64url");
}

/** The answer to a cursor that names no row of the list. */
export const invalidCursor = () => badRequest("Invalid cursor: pass the nextCursor of the previous page as it was.");

/** The id a cursor names (the last row of the previous page); 400 for anything else. */
export function cursorId(cursor: string): string {
  const id = Buffer.from(cursor, "base64url").toString("utf8");
  if (!isUuid(id)) throw invalidCursor();
  return id;
}

/**
 * Keyset pagination over UUIDv7 ids (time-ordered, so id order is creation
 * order): the filter for the rows after the cursor. Fetch `limit + 1` rows in
 * id order and hand them to `toPage`.
 */
export function afterCursor(cursor: string | undefined): { id?: { gt: string } } {
  return cursor === undefined ? {} : { id: { gt: cursorId(cursor) } };
}

/** Turns `limit + 1` rows fetched after the cursor into a page. */
export function toPage<Row extends { id: string }, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
): Page<Item> {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return { items: pageRows.map(toItem), nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}

/**
 * As toPage, for items the database has written as JSON: `items` is their
 * comma-separated JSON, `lastId` the page's last id when more rows follow.
 */
export function pageJson(items: string, lastId: string | null): string {
  return `{"items":[${items}],"nextCursor":${lastId === null ? "null" : JSON.stringify(encodeCursor(lastId))}}`;
}

/**
 * Cursors of ranked lists (search), whose order follows no key: the number of
 * items before the next page. An edit between two requests may move an item
 * across a page boundary, as in any search engine's pages.
 */
export function offsetCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`, "utf8").toString("base64url");
}

/** The offset an offsetCursor names (0 without one); 400 for anything else. */
export function offsetFromCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^offset:(\d{1,7})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  if (!match) throw invalidCursor();
  return Number(match[1]);
}

/** The same pages over a small list already sorted in memory (e.g. a codebook in its editors' order). */
export function pageInMemory<Row extends { id: string }, Item>(
  sorted: Row[],
  { limit, cursor }: PageQuery,
  toItem: (row: Row) => Item,
): Page<Item> {
  let start = 0;
  if (cursor !== undefined) {
    const lastId = cursorId(cursor);
    start = sorted.findIndex((row) => row.id === lastId) + 1;
    if (start === 0) throw invalidCursor();
  }
  return toPage(sorted.slice(start, start + limit + 1), limit, toItem);
}
