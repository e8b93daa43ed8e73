/**
 * A tag's shortcut is one key ("f") or a sequence of two ("ml": m, then l),
 * typed in the tag picker. Tags of one group usually share the first key of
 * their sequences, so a whole codebook is reachable by keyboard without
 * running out of letters. Pure: shared by the picker and the server.
 */

/** At most this many keys in one shortcut. */
export const MAX_SHORTCUT_KEYS = 2;

/** The keys of a shortcut, one per character (code point). */
export function shortcutKeys(shortcut: string): string[] {
  return [...shortcut];
}

/**
 * Two shortcuts clash when they are the same or one starts the other: after
 * "m" the picker could not tell whether "ml" is still coming.
 */
export function shortcutsClash(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** The first of `taken` that `shortcut` clashes with, if any. */
export function firstClash<Taken extends { shortcut: string | null }>(
  shortcut: string,
  taken: Taken[],
): Taken | undefined {
  return taken.find((other) => other.shortcut !== null && shortcutsClash(shortcut, other.shortcut));
}

/**
 * What a key pressed after `pending` (the keys typed so far) does: toggles a tag, waits for one more key, or
 * nothing.
 */
export function resolveKeys<Tag extends { shortcut: string | null }>(
  tags: Tag[],
  typed: string,
): { tag: Tag } | { pending: string } | null {
  const exact = tags.find((tag) => tag.shortcut === typed);
  if (exact) return { tag: exact };
  if (tags.some((tag) => tag.shortcut?.startsWith(typed))) return { pending: typed };
  return null;
}
