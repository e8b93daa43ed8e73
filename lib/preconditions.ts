import "server-only";
import { AppError, badRequest } from "@/lib/errors";

/** The ETag of a versioned resource: its version as a strong entity tag. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version a conditional write expects, from `If-Match: "<version>"`
 * (RFC 9110). Missing is 428: writes to versioned resources must say which
 * version they change, so that nobody overwrites a change they have not seen.
 */
export function versionFromIfMatch(header: string | null): number {
  if (header === null || header.trim() === "") {
    throw new AppError("precondition_required", 'Send If-Match: "<version>" with the ETag of the version you are changing (GET it first).');
  }
  const match = /^\s*"(\d{1,9})"\s*$/.exec(header);
  if (!match) throw badRequest('If-Match must be one entity tag such as "3", the ETag a GET answered.');
  return Number(match[1]);
}
