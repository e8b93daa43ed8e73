import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import {
  type AnnotationView,
  auditSnapshot,
  claimVersion,
  readArticleAnnotations,
  readCodebook,
  toView,
  viewSelect,
} from "@/lib/annotations";
import { recordAudit } from "@/lib/audit";
import { db, type DbClient } from "@/lib/db";
import { conflict, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AnnotationStatus } from "@/lib/generated/prisma/enums";
import { type ProjectAccess, requireArticlePermission } from "@/lib/permissions";
import { requireExpectedVersion } from "@/lib/preconditions";
import { isUuid, parseInput, uuid } from "@/lib/validation";

const versionNumber = z.number().int().min(1).max(2_147_483_647);
const undoInput = z.strictObject({
  /** The annotations the decision changed, each at the version the decision left it at. */
  versions: z
    .record(uuid, versionNumber)
    .refine((versions) => Object.keys(versions).length >= 1, "name at least one annotation")
    .refine((versions) => Object.keys(versions).length <= 50, "at most 50 versions"),
});

const DECIDED: readonly string[] = ["APPROVED", "REJECTED"] satisfies AnnotationStatus[];

interface Snapshot {
  status?: string;
  reviewNote?: string | null;
  tags?: string[];
  version?: number;
}

/**
 * Undoes an adjudication decision (POST …/adjudication answered it): every
 * annotation it changed goes back to the status, review note and tags it had
 * before, all or nothing (editors). Each must still be at the version the
 * decision left it at (else 412: someone changed it since).
 */
export async function undoAdjudication(actor: Actor, articleId: string, input: unknown): Promise<AnnotationView[]> {
  const { versions } = parseInput(undoInput, input);
  const access = await requireArticlePermission(actor, articleId, "annotation.review");
  return revertDecisions(actor, access, articleId, versions);
}

/** Undoes an editor's approval or rejection of one annotation (`If-Match`: the version that decision left). */
export async function undoReview(actor: Actor, annotationId: string, version: number | null): Promise<AnnotationView> {
  const found = isUuid(annotationId)
    ? await db().annotation.findFirst({ where: { id: annotationId, deletedAt: null }, select: { articleId: true } })
    : null;
  if (!found) throw notFound("Annotation");
  const access = await requireArticlePermission(actor, found.articleId, "annotation.review");
  const expected = requireExpectedVersion(version);
  const [view] = await revertDecisions(actor, access, found.articleId, { [annotationId]: expected });
  return view!;
}

async function revertDecisions(
  actor: Actor,
  access: ProjectAccess,
  articleId: string,
  versions: Record<string, number>,
): Promise<AnnotationView[]> {
  const rows = await readArticleAnnotations(articleId, Object.keys(versions));
  return db().$transaction(async (tx) => {
    const codebook = await readCodebook(tx, access.projectId);
    const views: AnnotationView[] = [];
    for (const row of rows) {
      // Changed since the decision: 412 saying by whom, as any stale write gets (nothing is written).
      if (row.version !== versions[row.id]) await claimVersion(tx, row.id, versions[row.id]!, {});
      const decided = await lastDecision(tx, access.projectId, row.id, versions[row.id]!);
      const data: Prisma.AnnotationUncheckedUpdateManyInput = {
        version: { increment: 1 },
        status: decided.status as AnnotationStatus,
        reviewNote: decided.reviewNote ?? null,
        // Who made the restored decision is not recorded in the snapshot: a status with no decision has no reviewer.
        ...(DECIDED.includes(decided.status!) ? {} : { reviewedById: null, reviewedAt: null }),
      };
      const tagIds = decided.tags?.map((name) => {
        const tag = codebook.find((candidate) => candidate.name === name);
        if (!tag) throw conflict(`The tag “${name}” is no longer in the codebook; the decision cannot be undone.`);
        return tag.id;
      });
      await claimVersion(tx, row.id, versions[row.id]!, data);
      if (tagIds) {
        await tx.annotationTag.deleteMany({ where: { annotationId: row.id } });
        await tx.annotationTag.createMany({ data: tagIds.map((tagId) => ({ annotationId: row.id, tagId })) });
      }
      const after = toView(await tx.annotation.findUniqueOrThrow({ where: { id: row.id }, select: viewSelect }));
      await recordAudit(tx, actor, {
        projectId: access.projectId,
        action: "annotation.undo",
        entityType: "Annotation",
        entityId: row.id,
        before: auditSnapshot(toView(row)),
        after: auditSnapshot(after),
      });
      views.push(after);
    }
    return views;
  });
}

/**
 * The state before the annotation's last change, which must be an approval or
 * rejection that left it at `version` (409 otherwise: there is no such decision
 * to undo, or something else changed it since).
 */
async function lastDecision(tx: DbClient, projectId: string, annotationId: string, version: number): Promise<Snapshot> {
  const last = await tx.auditEntry.findFirst({
    where: { projectId, entityId: annotationId },
    orderBy: { id: "desc" },
    select: { action: true, before: true, after: true },
  });
  const before = (last?.before ?? {}) as Snapshot;
  const after = (last?.after ?? {}) as Snapshot;
  const isDecision =
    last?.action === "annotation.update" &&
    typeof before.status === "string" &&
    DECIDED.includes(after.status ?? "") &&
    (before.status !== after.status || JSON.stringify(before.tags) !== JSON.stringify(after.tags));
  if (!isDecision)
    throw conflict("Nothing to undo: the annotation's last change was not an approval or a rejection.", {
      annotationId,
    });
  if (after.version !== version)
    throw conflict("The annotation changed after that decision; undo is no longer possible.", { annotationId });
  return before;
}
