import { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * Shared zod pieces. Strings that reach PostgreSQL must be well-formed
 * Unicode (a lone surrogate cannot be stored as UTF-8 and would silently
 * become U+FFFD) and free of NUL (PostgreSQL text cannot hold it).
 */
export const storableString = z
  .string()
  .refine((value) => value.isWellFormed(), "must be well-formed Unicode (no lone surrogates)")
  .refine((value) => !value.includes("\u0000"), "must not contain NUL characters");

/** A query-string parameter that reaches SQL (a search, a filter): storable, bounded. */
export const queryText = (max: number) => storableString.pipe(z.string().max(max));

/**
 * A user's words as a literal in Prisma's `contains`/`startsWith`, and in
 * `equals` with `mode: "insensitive"`: SQL LIKE and ILIKE under the hood,
 * where `%` and `_` are wildcards and `\` escapes them (prisma/orm#10810).
 */
export const likeLiteral = (value: string) => value.replace(/[\\%_]/g, (character) => `\\${character}`);

/** A one-line label such as a title or a name: trimmed, non-empty, bounded. */
export const label = (max = 500) =>
  storableString.transform((value) => value.trim()).pipe(z.string().min(1, "must not be empty").max(max));

/**
 * Optional free text, trimmed. Absent stays `undefined` (an update leaves the
 * field as it is); `null` or an empty string become `null` (clear it).
 */
export const optionalText = (max: number) =>
  storableString
    .max(max)
    .nullish()
    .transform((value) =>
      value === undefined ? undefined : value === null || value.trim() === "" ? null : value.trim(),
    );

/** An http(s) URL; other schemes (javascript:, data:) are refused because the URL becomes a link. */
export const webUrl = z.url({ protocol: /^https?$/, error: "must be an http or https URL" }).max(2048);

/** As optionalText, for a URL. */
export const optionalWebUrl = z
  .union([webUrl, z.literal(""), z.null()])
  .optional()
  .transform((value) => (value === "" ? null : value));

/**
 * A calendar date, as `YYYY-MM-DD` or a full ISO date-time whose date part is
 * kept as written. Returned as a Date at midnight UTC, as PostgreSQL `date`
 * columns are read back.
 */
export const calendarDate = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "must be a date (YYYY-MM-DD) or an ISO date-time" })
  .transform((value) => new Date(`${value.slice(0, 10)}T00:00:00Z`));

/** As optionalText, for a date. */
export const optionalDate = z
  .union([calendarDate, z.literal(""), z.null()])
  .optional()
  .transform((value) => (value === "" ? null : value));

/** Ids are UUIDs; a malformed one names nothing, so callers answer 404 for it. */
export const uuid = z.uuid();

export function isUuid(value: string): boolean {
  return uuid.safeParse(value).success;
}

/** `YYYY-MM-DD` of a date column, or null. */
export function formatDate(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 10) : null;
}

/**
 * Parses a caller's input with `schema`; on failure throws one AppError that
 * says what is wrong with each field. Wrong shapes (a string where a number
 * belongs, unknown fields, a body that is not an object) are 400; right shapes
 * with unacceptable values (empty, too long, missing, malformed dates) are 422.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues;
  const isShapeError = issues.some(isShapeIssue);
  const details = {
    issues: issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
  };
  const summary = details.issues
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join("; ");
  throw new AppError(isShapeError ? "bad_request" : "unprocessable_entity", `Invalid input: ${summary}`, details);
}

function isShapeIssue(issue: z.core.$ZodIssue): boolean {
  switch (issue.code) {
    case "invalid_type":
      return issue.input !== undefined;
    case "unrecognized_keys":
      return true;
    case "invalid_union":
      return issue.errors.length > 0 && issue.errors.every((branch) => branch.some(isShapeIssue));
    default:
      return false;
  }
}
