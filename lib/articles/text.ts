import { z } from "zod";
import { storableString } from "@/lib/validation";

/** Article texts are limited to this many UTF-16 code units (the unit offsets count in). */
export const MAX_ARTICLE_TEXT_LENGTH = 1_000_000;

/**
 * The canonical form of an article text: line breaks as `\n` (CRLF and lone
 * CR converted) and Unicode NFC; nothing else is changed. Annotation offsets
 * point into this form, so it is applied once, on the way in.
 */
export function canonicalizeText(raw: string): string {
  return raw.replace(/\r\n?/g, "\n").normalize("NFC");
}

export const articleText = storableString.transform(canonicalizeText).pipe(
  z
    .string()
    // zod's max() counts code points; offsets, and this limit, count UTF-16 code units.
    .refine(
      (text) => text.length <= MAX_ARTICLE_TEXT_LENGTH,
      `must be at most ${MAX_ARTICLE_TEXT_LENGTH.toLocaleString("en")} characters`,
    )
    .refine((text) => text.trim().length > 0, "must not be empty"),
);
