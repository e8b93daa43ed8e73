import "server-only";
import { z } from "zod";
import type { DbClient } from "@/lib/db";
import { notFound, unprocessable } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { isUuid, parseInput } from "@/lib/validation";

/** What can be merged into another of its kind: events (soft-deleted) and outlets (deleted for good). */
const MERGEABLE = {
  event: {
    table: "events",
    notFoundName: "Event",
    self: "An event cannot be merged into itself.",
    unknown: "The event to merge into is not an event of this project.",
    softDeleted: true,
  },
  outlet: {
    table: "sources",
    notFoundName: "Source",
    self: "An outlet cannot be merged into itself.",
    unknown: "The outlet to merge into is not an outlet of this project.",
    softDeleted: false,
  },
} as const;
type Mergeable = keyof typeof MERGEABLE;

const mergeInput = z.strictObject({ into: z.string().max(100) });

function badInto(message: string, issue: string) {
  return unprocessable(message, { issues: [{ path: "into", message: issue }] });
}

const unknownInto = (kind: Mergeable) => badInto(MERGEABLE[kind].unknown, `unknown ${kind}`);

/** `{ into }` of a merge request: the id of the survivor, another item than the one merged (422 otherwise). */
export function parseMergeTarget(kind: Mergeable, mergedId: string, input: unknown): string {
  const { into } = parseInput(mergeInput, input);
  if (into === mergedId) throw badInto(MERGEABLE[kind].self, `must be another ${kind}`);
  if (!isUuid(into)) throw unknownInto(kind);
  return into;
}

/**
 * Locks the merged item and the survivor, in id order, inside the merge's
 * transaction, then checks that both are still there. Of two merges that
 * cross (A into B and B into A at once) the second waits for the first and
 * then answers as if it had come later: 404 when its own item is gone, 422
 * when the survivor is; never both deleted. The fixed order also keeps two
 * merges of one pair from deadlocking.
 */
export async function lockMergePair(
  tx: DbClient,
  kind: Mergeable,
  projectId: string,
  mergedId: string,
  into: string,
): Promise<void> {
  const { table, softDeleted, notFoundName } = MERGEABLE[kind];
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM ${Prisma.raw(table)}
    WHERE id IN (${mergedId}::uuid, ${into}::uuid)
      AND project_id = ${projectId}::uuid ${softDeleted ? Prisma.sql`AND deleted_at IS NULL` : Prisma.empty}
    ORDER BY id FOR UPDATE`;
  if (!locked.some((row) => row.id === mergedId)) throw notFound(notFoundName);
  if (!locked.some((row) => row.id === into)) throw unknownInto(kind);
}
