import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { cursorId, type Page, pageQuery, toPage } from "@/lib/pagination";
import { requireProjectPermission, seesOthersUnapprovedAnnotations } from "@/lib/permissions";
import { parseInput, uuid } from "@/lib/validation";
import { ASSIGNMENT_STATES, type AnnotationCounts, type AssignmentCell, type AssignmentState, cellsSql } from "./state";

/** One article assigned to one coder, with the coder's state on it. */
export interface AssignmentView {
  id: string;
  article: { id: string; title: string };
  assignee: { id: string; name: string };
  state: AssignmentState;
  /** The coder's live annotations on the article, by status. */
  counts: AnnotationCounts;
  /** When the coder last said they were done with it, or null. */
  submittedAt: string | null;
  assignedAt: string;
}

/** An assignment of the caller's, as "My work" lists it: with its project and where they left off. */
export interface MyAssignmentView extends Omit<AssignmentView, "assignee"> {
  project: { id: string; name: string };
  /** Their most recently changed annotation on the article, for the reader to open at; null before the first. */
  lastAnnotationId: string | null;
}

const stateFilter = z.enum(ASSIGNMENT_STATES).optional();
const projectListQuery = pageQuery.extend({ state: stateFilter, article: uuid.optional(), assignee: uuid.optional() });
const myListQuery = pageQuery.extend({ state: stateFilter });

type Row = AssignmentCell & { articleTitle: string; assigneeName: string; projectId: string; projectName: string };

/**
 * `where`'s assignments (a condition on the assignments aliased `s`), after
 * the cursor, in the order they were made, with their titles and names:
 * `limit + 1` rows for toPage.
 */
async function readPage(
  where: Prisma.Sql,
  { limit, cursor, state }: { limit: number; cursor?: string | undefined; state?: AssignmentState | undefined },
  options: { withLastAnnotation?: boolean } = {},
): Promise<Row[]> {
  const after = cursor === undefined ? Prisma.empty : Prisma.sql`AND s.id > ${cursorId(cursor)}::uuid`;
  return db().$queryRaw<Row[]>`
    SELECT cell.*, ar.title AS "articleTitle", u.name AS "assigneeName", p.id AS "projectId", p.name AS "projectName"
    FROM (${cellsSql(Prisma.sql`${where} ${after}`, options)}) cell
    JOIN articles ar ON ar.id = cell."articleId"
    JOIN projects p ON p.id = ar.project_id
    JOIN users u ON u.id = cell."userId"
    WHERE ${state === undefined ? Prisma.sql`TRUE` : Prisma.sql`cell.state = ${state}`}
    ORDER BY cell.id
    LIMIT ${limit + 1}`;
}

function toView(row: Row): AssignmentView {
  return {
    id: row.id,
    article: { id: row.articleId, title: row.articleTitle },
    assignee: { id: row.userId, name: row.assigneeName },
    state: row.state,
    counts: row.counts,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    assignedAt: row.createdAt.toISOString(),
  };
}

/**
 * GET /projects/:id/assignments: one item per article and coder, with the
 * coder's state, in the order they were assigned; filters `state`,
 * `article`, `assignee`. Who sees whose follows the annotations' rule: a
 * reviewer coding blind sees only their own assignments (another's state
 * would tell them about work they may not see); editors and viewers see all.
 */
export async function listProjectAssignments(
  actor: Actor,
  projectId: string,
  query: unknown,
): Promise<Page<AssignmentView>> {
  const access = await requireProjectPermission(actor, projectId, "project.read");
  const { limit, cursor, state, article, assignee } = parseInput(projectListQuery, query);
  const conditions = [Prisma.sql`s.project_id = ${projectId}::uuid`];
  if (!seesOthersUnapprovedAnnotations(access)) conditions.push(Prisma.sql`s.user_id = ${actor.userId}::uuid`);
  if (article !== undefined) conditions.push(Prisma.sql`s.article_id = ${article}::uuid`);
  if (assignee !== undefined) conditions.push(Prisma.sql`s.user_id = ${assignee}::uuid`);
  const rows = await readPage(Prisma.join(conditions, " AND "), { limit, cursor, state });
  return toPage(rows, limit, toView);
}

/** "My work": the caller's assignments in every project they are in, oldest first; filter `state`. */
export async function listMyAssignments(actor: Actor, query: unknown): Promise<Page<MyAssignmentView>> {
  const { limit, cursor, state } = parseInput(myListQuery, query);
  // Leaving a project ends its assignments (a foreign key); a deleted project's are hidden.
  const where = Prisma.sql`s.user_id = ${actor.userId}::uuid
    AND EXISTS (SELECT 1 FROM projects p WHERE p.id = s.project_id AND p.deleted_at IS NULL)`;
  const rows = await readPage(where, { limit, cursor, state }, { withLastAnnotation: true });
  return toPage(rows, limit, (row) => {
    const { assignee: _assignee, ...view } = toView(row);
    return { ...view, project: { id: row.projectId, name: row.projectName }, lastAnnotationId: row.lastAnnotationId };
  });
}

/** The caller's assignment of one article, with its state, or null when it is not assigned to them. */
export async function myAssignmentOf(actor: Actor, articleId: string): Promise<AssignmentView | null> {
  const where = Prisma.sql`s.article_id = ${articleId}::uuid AND s.user_id = ${actor.userId}::uuid`;
  const [row] = await readPage(where, { limit: 1 });
  return row ? toView(row) : null;
}
