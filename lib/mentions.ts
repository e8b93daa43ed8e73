/**
 * Mentions in comments and notes are plain text: `@` and a member's name as
 * the project lists it (the member picker writes it so). The text is stored
 * as written, so exports and search show `@Name`; who was mentioned is
 * decided when the text is saved, and notifications point at the user, not
 * the name (a later rename leaves old texts as they were). At each `@` the
 * longest name that follows, up to a character that is not a letter or a
 * digit, is the one meant ("@Ana Lopez" is Ana Lopez, not Ana); two members of
 * one name are both mentioned. Used by the server and the picker alike.
 */
const WORD_CHARACTER = /[\p{L}\p{N}_]/u;

/** Whether the `@` at `at` may start a mention: not inside a word or an email address (`ana@example.org`). */
export function startsMention(text: string, at: number): boolean {
  return at === 0 || !/[\p{L}\p{N}_.]/u.test(text.charAt(at - 1));
}

/** The names of `names` that `text` mentions, as they are given. */
export function mentionedNames(text: string, names: readonly string[]): Set<string> {
  const found = new Set<string>();
  const candidates = names.filter((name) => name.trim() !== "");
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    if (!startsMention(text, at)) continue;
    let longest = "";
    for (const name of candidates) {
      const written = text.slice(at + 1, at + 1 + name.length);
      const after = text.charAt(at + 1 + name.length);
      if (
        name.length > longest.length &&
        written.toLocaleLowerCase() === name.toLocaleLowerCase() &&
        !WORD_CHARACTER.test(after)
      )
        longest = name;
    }
    if (!longest) continue;
    for (const name of candidates) if (name.toLocaleLowerCase() === longest.toLocaleLowerCase()) found.add(name);
  }
  return found;
}
