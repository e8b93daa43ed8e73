/**
 * A plain text's headline: its first line when that reads as one. Pure: the import dialog uses it for a
 * `.txt` file's title, the API for an article sent without a title.
 */

/** Longer than this, a first line is a paragraph, not a headline. */
export const MAX_HEADLINE_LENGTH = 200;

/**
 * The first line of `text`, trimmed, when it reads as a headline: one short line (at most 200 characters)
 * with more text after it (a blank line or the body), not ending as a sentence or a lead-in does (`.`, `,`,
 * `;`, `:`, `…`; "U.S." and other initials may end it). Null otherwise. The text itself is not changed: the
 * headline stays its first line.
 */
export function headlineOf(text: string): string | null {
  const lineEnd = text.search(/\r\n?|\n/);
  if (lineEnd < 0) return null;
  const line = text.slice(0, lineEnd).replace(/\s+/g, " ").trim();
  if (line === "" || line.length > MAX_HEADLINE_LENGTH || text.slice(lineEnd).trim() === "") return null;
  const endsAsSentence = /[.,;:…]$/.test(line) && !/(?:^|[\s.])\p{Lu}\.$/u.test(line);
  return endsAsSentence ? null : line;
}
