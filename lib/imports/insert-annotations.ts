import "server-only";
import type { AnnotationView } from "@/lib/annotations";
import { assertKeepsRules, type RuledTag } from "@/lib/codebook/rules";
import type { DbClient } from "@/lib/db";
import { AppError, unprocessable } from "@/lib/errors";
import type { AnnotationStatus, Stance } from "@/lib/generated/prisma/enums";

/**
 * An annotation an import stores, checked and placed already (offsets into `revision` of its article), with its tags,
 * links and comments.
 */
export interface NewAnnotation
  extends Pick<
    AnnotationView,
    "id" | "articleId" | "start" | "end" | "exact" | "prefix" | "suffix" | "note" | "revision"
  > {
  status?: AnnotationStatus;
  /** When absent: the importer. */
  authorId?: string;
  /** The review decision the annotation carries: who made it, why, when. */
  review?: { byId: string | null; note: string | null; at: Date | null };
  /** When absent: now. */
  createdAt?: Date;
  updatedAt?: Date;
  tagIds: string[];
  links?: {
    id: string;
    eventId: string;
    stance: Stance;
    attributedTo: string | null;
    note: string | null;
    /** When absent: the importer. */
    createdById?: string;
  }[];
  comments?: { id: string; text: string; createdAt: Date /** When absent: the importer. */; authorId?: string }[];
}

/**
 * Rows per statement: large enough that a 20,000-annotation file takes a handful, small enough to keep each statement's
 * arrays modest.
 */
const BATCH_SIZE = 5_000;

function inBatches<Item>(items: Item[]): Item[][] {
  const batches: Item[][] = [];
  for (let index = 0; index < items.length; index += BATCH_SIZE) batches.push(items.slice(index, index + BATCH_SIZE));
  return batches;
}

/**
 * Stores imported annotations with their tags, links and comments, by their
 * own authors or else the importer (`authorId`), in one INSERT … SELECT FROM unnest(…) per table and
 * batch (a row at a time, a 20,000-annotation import took two minutes), inside
 * the caller's transaction. An annotation that breaks the codebook's rules
 * (lib/codebook/rules) fails the whole import: 422 naming it.
 */
export async function insertAnnotations(
  tx: DbClient,
  { projectId, authorId }: { projectId: string; authorId: string },
  annotations: NewAnnotation[],
): Promise<void> {
  await assertImportKeepsRules(tx, projectId, annotations);
  const when = (date: Date | undefined) => date?.toISOString() ?? null;
  for (const batch of inBatches(annotations)) {
    await tx.$executeRaw`
      INSERT INTO annotations (id, project_id, article_id, author_id, start, "end", exact, prefix, suffix, note, status,
        reviewed_by_id, review_note, reviewed_at, revision, created_at, updated_at)
      SELECT row.id, ${projectId}::uuid, row.article_id, coalesce(row.author_id, ${authorId}::uuid), row.start,
        row.stop, row.exact, row.prefix, row.suffix, row.note, coalesce(row.status, 'DRAFT')::"AnnotationStatus",
        row.reviewed_by_id, row.review_note, row.reviewed_at, row.revision, coalesce(row.created_at, now()),
        coalesce(row.updated_at, now())
      FROM unnest(${batch.map((row) => row.id)}::uuid[], ${batch.map((row) => row.articleId)}::uuid[],
        ${batch.map((row) => row.authorId ?? null)}::uuid[], ${batch.map((row) => row.start)}::int[],
        ${batch.map((row) => row.end)}::int[], ${batch.map((row) => row.exact)}::text[],
        ${batch.map((row) => row.prefix)}::text[], ${batch.map((row) => row.suffix)}::text[],
        ${batch.map((row) => row.note)}::text[], ${batch.map((row) => row.status ?? null)}::text[],
        ${batch.map((row) => row.review?.byId ?? null)}::uuid[],
        ${batch.map((row) => row.review?.note ?? null)}::text[],
        ${batch.map((row) => when(row.review?.at ?? undefined))}::timestamptz[],
        ${batch.map((row) => row.revision)}::int[],
        ${batch.map((row) => when(row.createdAt))}::timestamptz[],
        ${batch.map((row) => when(row.updatedAt))}::timestamptz[])
        AS row(id, article_id, author_id, start, stop, exact, prefix, suffix, note, status, reviewed_by_id, review_note,
          reviewed_at, revision, created_at, updated_at)`;
  }
  const tags = annotations.flatMap((annotation) =>
    annotation.tagIds.map((tagId) => ({ annotationId: annotation.id, tagId })),
  );
  for (const batch of inBatches(tags)) {
    await tx.$executeRaw`
      INSERT INTO annotation_tags (annotation_id, tag_id)
      SELECT * FROM unnest(${batch.map((row) => row.annotationId)}::uuid[], ${batch.map((row) => row.tagId)}::uuid[])`;
  }
  const links = annotations.flatMap((annotation) =>
    (annotation.links ?? []).map((link) => ({ ...link, annotationId: annotation.id })),
  );
  for (const batch of inBatches(links)) {
    await tx.$executeRaw`
      INSERT INTO claim_links (id, annotation_id, event_id, stance, attributed_to, note, created_by_id, updated_at)
      SELECT row.id, row.annotation_id, row.event_id, row.stance::"Stance", row.attributed_to, row.note,
        coalesce(row.created_by_id, ${authorId}::uuid), now()
      FROM unnest(${batch.map((row) => row.id)}::uuid[], ${batch.map((row) => row.annotationId)}::uuid[],
        ${batch.map((row) => row.eventId)}::uuid[],
                  ${batch.map((row) => row.stance)}::text[], ${batch.map((row) => row.attributedTo)}::text[],
                    ${batch.map((row) => row.note)}::text[], ${batch.map((row) => row.createdById ?? null)}::uuid[])
        AS row(id, annotation_id, event_id, stance, attributed_to, note, created_by_id)`;
  }
  const comments = annotations.flatMap((annotation) =>
    (annotation.comments ?? []).map((comment) => ({ ...comment, annotationId: annotation.id })),
  );
  for (const batch of inBatches(comments)) {
    await tx.$executeRaw`
      INSERT INTO comments (id, annotation_id, author_id, text, created_at, updated_at)
      SELECT row.id, row.annotation_id, coalesce(row.author_id, ${authorId}::uuid), row.text, row.created_at, now()
      FROM unnest(${batch.map((row) => row.id)}::uuid[], ${batch.map((row) => row.annotationId)}::uuid[],
        ${batch.map((row) => row.text)}::text[],
                  ${batch.map((row) => row.createdAt.toISOString())}::timestamptz[],
                    ${batch.map((row) => row.authorId ?? null)}::uuid[])
        AS row(id, annotation_id, text, created_at, author_id)`;
  }
}

/** 422 for the first annotation whose tags break the codebook's rules for its status, saying which and how. */
async function assertImportKeepsRules(tx: DbClient, projectId: string, annotations: NewAnnotation[]): Promise<void> {
  const groups = await tx.tagGroup.findMany({
    where: { projectId },
    select: { id: true, name: true, choice: true, required: true },
  });
  if (!groups.some((group) => group.choice === "single" || group.required)) return;
  const groupById = new Map(groups.map((group) => [group.id, group]));
  const tags = await tx.tag.findMany({ where: { projectId }, select: { id: true, name: true, groupId: true } });
  const tagById = new Map<string, RuledTag>(
    tags.map(({ groupId, ...tag }) => [tag.id, { ...tag, group: groupById.get(groupId)! }]),
  );
  for (const [index, annotation] of annotations.entries()) {
    try {
      const ruled = annotation.tagIds.map((id) => tagById.get(id)!);
      assertKeepsRules(ruled, groups, annotation.status ?? "DRAFT");
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const where = `Annotation ${index + 1} (“${annotation.exact.slice(0, 60)}”)`;
      throw unprocessable(`${where}: ${error.message}`, { annotation: index, ...(error.details as object) });
    }
  }
}
