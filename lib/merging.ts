import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { recordAudit } from "@/lib/audit";
import type { DbClient } from "@/lib/db";
import { conflict, notFound, unprocessable } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MergeMoveKind } from "@/lib/generated/prisma/enums";
import { isUuid, parseInput } from "@/lib/validation";

/**
 * What can be merged into another of its kind: events (soft-deleted) and outlets (deleted for good); `action` is the
 * merge's audit action (`undoAction` its undo's) and `counts` the fields of its record that count what it moved.
 */
const MERGEABLE = {
  event: {
    table: "events",
    notFoundName: "Event",
    self: "An event cannot be merged into itself.",
    unknown: "The event to merge into is not an event of this project.",
    softDeleted: true,
    action: "event.merge",
    undoAction: "event.unmerge",
    entityType: "Event",
    counts: ["linksMoved", "duplicateLinksDropped"],
    notMerged: "This event is not merged into another one: there is no merge to undo.",
  },
  outlet: {
    table: "sources",
    notFoundName: "Source",
    self: "An outlet cannot be merged into itself.",
    unknown: "The outlet to merge into is not an outlet of this project.",
    softDeleted: false,
    action: "source.merge",
    undoAction: "source.unmerge",
    entityType: "Source",
    counts: ["articlesMoved"],
    notMerged: "This outlet is not merged into another one: there is no merge to undo.",
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

/** One thing a merge moved (or, for a link the survivor already had, dropped), as it was before. */
export interface MergeMoveRecord {
  movedId: string;
  kind: MergeMoveKind;
  /** A link as it was (ClaimLinkView); none for an article. */
  before?: object;
}

/** Records, in the merge's transaction, what it moved out of the merged item: what an undo puts back. */
export async function recordMergeMoves(
  tx: DbClient,
  projectId: string,
  mergedId: string,
  moves: MergeMoveRecord[],
): Promise<void> {
  if (moves.length === 0) return;
  await tx.mergeMove.createMany({
    data: moves.map(({ movedId, kind, before }) => ({
      projectId,
      mergedId,
      movedId,
      kind,
      before: before === undefined ? Prisma.DbNull : (before as Prisma.InputJsonObject),
    })),
  });
}

/** A merge being undone: the item merged away as it was, where it went, and what moved. */
export interface MergeToUndo {
  into: string;
  /** The merged item as its merge's audit entry recorded it. */
  merged: Record<string, unknown>;
  /** The rest of what the merge recorded (counts, fields it filled in on the survivor). */
  recorded: Record<string, unknown>;
  moves: { movedId: string; kind: MergeMoveKind; before: unknown }[];
}

/**
 * The merge of `mergedId` to undo, read in the undo's transaction once the
 * items are locked: the item's last recorded change must be its merge (409
 * otherwise: never merged, or undone already), and the moves recorded must be
 * as many as the merge counted (a merge recorded before moves were kept
 * cannot be undone: 409).
 */
export async function mergeToUndo(
  tx: DbClient,
  kind: Mergeable,
  projectId: string,
  mergedId: string,
): Promise<MergeToUndo> {
  const { action, counts, notMerged } = MERGEABLE[kind];
  const last = await tx.auditEntry.findFirst({
    where: { projectId, entityId: mergedId },
    orderBy: { id: "desc" },
    select: { action: true, before: true, after: true },
  });
  if (last?.action !== action) throw conflict(notMerged);
  const recorded = (last.after ?? {}) as Record<string, unknown>;
  const moves = await tx.mergeMove.findMany({
    where: { mergedId },
    orderBy: { movedId: "asc" },
    select: { movedId: true, kind: true, before: true },
  });
  const counted = counts.reduce((sum, field) => sum + Number(recorded[field] ?? 0), 0);
  if (moves.length !== counted)
    throw conflict("This merge was made before merges recorded what they moved: it cannot be undone.");
  return { into: String(recorded.mergedInto), merged: (last.before ?? {}) as Record<string, unknown>, recorded, moves };
}

/** Ends an undo of the merge of `mergedId` into `into`: its recorded moves go, and the undo is audited. */
export async function recordMergeUndone(
  tx: DbClient,
  actor: Actor,
  kind: Mergeable,
  { projectId, mergedId, into, after }: { projectId: string; mergedId: string; into: string; after: object },
): Promise<void> {
  await tx.mergeMove.deleteMany({ where: { mergedId } });
  const { undoAction, entityType } = MERGEABLE[kind];
  await recordAudit(tx, actor, {
    projectId,
    action: undoAction,
    entityType,
    entityId: mergedId,
    before: { mergedInto: into },
    after,
  });
}
