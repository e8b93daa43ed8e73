import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AnnotationCounts, AssignmentState } from "./state-labels";

export { ASSIGNMENT_STATES, type AnnotationCounts, type AssignmentState, STATE_LABELS } from "./state-labels";

/** One assignment with its coder's counts and state, as the queries of cellsSql read it. */
export interface AssignmentCell {
  id: string;
  articleId: string;
  userId: string;
  submittedAt: Date | null;
  createdAt: Date;
  state: AssignmentState;
  counts: AnnotationCounts;
  /** The coder's most recently changed annotation on the article: where they left off. */
  lastAnnotationId: string | null;
}

/**
 * The assignments that `where` (a condition on the assignments aliased `s`)
 * selects, of live articles, each with its coder's annotation counts and
 * state: one aggregate (GROUP BY the assignment), whatever the number of
 * articles and coders. Columns as AssignmentCell; `lastAnnotationId` only
 * `withLastAnnotation` (a sort per assignment the progress page needs not).
 */
export function cellsSql(where: Prisma.Sql, { withLastAnnotation = false } = {}): Prisma.Sql {
  const last = withLastAnnotation
    ? Prisma.sql`(array_agg(a.id ORDER BY a.updated_at DESC, a.id DESC) FILTER (WHERE a.id IS NOT NULL))[1]`
    : Prisma.sql`NULL::uuid`;
  return Prisma.sql`
    SELECT c.id, c."articleId", c."userId", c."submittedAt", c."createdAt", c."lastAnnotationId",
      json_build_object('draft', c.draft, 'submitted', c.submitted, 'approved', c.approved, 'rejected', c.rejected)
        AS counts,
      CASE
        WHEN c.draft > 0 OR (c."submittedAt" IS NULL AND c.submitted + c.approved + c.rejected > 0) THEN 'in_progress'
        WHEN c."submittedAt" IS NULL THEN 'not_started'
        WHEN c.submitted > 0 THEN 'submitted'
        ELSE 'done'
      END AS state
    FROM (
      SELECT s.id, s.article_id AS "articleId", s.user_id AS "userId", s.submitted_at AS "submittedAt",
        s.created_at AS "createdAt", ${last} AS "lastAnnotationId",
        count(a.id) FILTER (WHERE a.status = 'DRAFT')::int AS draft,
        count(a.id) FILTER (WHERE a.status = 'SUBMITTED')::int AS submitted,
        count(a.id) FILTER (WHERE a.status = 'APPROVED')::int AS approved,
        count(a.id) FILTER (WHERE a.status = 'REJECTED')::int AS rejected
      FROM assignments s
      JOIN articles ar ON ar.id = s.article_id AND ar.deleted_at IS NULL
      LEFT JOIN annotations a ON a.article_id = s.article_id AND a.author_id = s.user_id AND a.deleted_at IS NULL
      WHERE ${where}
      GROUP BY s.id
    ) c`;
}
