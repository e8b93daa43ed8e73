import "server-only";
import { AppError } from "@/lib/errors";

/** The ETag of a versioned resource: its version as a strong entity tag. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version a conditional write expects (from `If-Match: "<version>"`,
 * RFC 9110). Missing is 428: writes to versioned resources must say which
 * version they change, so that nobody overwrites a change they have not seen.
 */
export function requireExpectedVersion(expectedVersion: number | null): number {
  if (expectedVersion === null) {
    throw new AppError(
      "precondition_required",
      'Send If-Match: "<version>" with the ETag of the version you are changing (GET it first).',
    );
  }
  return expectedVersion;
}
