import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import { csvText, type CsvColumn } from "@/lib/exports/csv-format";
import { Prisma } from "@/lib/generated/prisma/client";
import { cursorId, type Page, pageQuery, toPage } from "@/lib/pagination";
import { requireProjectPermission } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { ASSIGNMENT_STATES, type AnnotationCounts, type AssignmentState, cellsSql } from "./state";

export type StateCounts = Record<AssignmentState, number>;

export interface ProgressTotals {
  counts: StateCounts;
  /** Assignments in all. */
  total: number;
  /** Whole per cent of the assignments that are done (100 only when all are). */
  percentDone: number;
}

export interface CoderProgress extends ProgressTotals {
  id: string;
  name: string;
}

export interface ArticleProgress {
  id: string;
  title: string;
  /** One per coder assigned to the article. */
  cells: { userId: string; state: AssignmentState; counts: AnnotationCounts }[];
}

export interface ProjectProgress {
  overall: ProgressTotals;
  /** Every coder with an assignment in the project, by name. */
  coders: CoderProgress[];
  /** Articles with a coder's work submitted and not yet all approved or rejected: the first 50, and how many. */
  waiting: { count: number; articles: { id: string; title: string }[] };
  /** The assigned articles, in the order they were imported, a page at a time. */
  articles: Page<ArticleProgress>;
}

const WAITING_SHOWN = 50;
const progressQuery = pageQuery.pick({ cursor: true }).extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The API route answers `csv` with progressCsv. */
  format: z.enum(["json", "csv"]).optional(),
});

interface ProgressRow {
  coders: { id: string; name: string; states: Partial<StateCounts> }[];
  waitingCount: number;
  waiting: { id: string; title: string }[];
  articles: ArticleProgress[];
}

/**
 * The project's progress (editors): per coder and overall, the assignments
 * in each state and the share done; the articles waiting for an editor; and
 * a page of the articles × coders grid. One statement: the coders' states
 * are aggregated once (GROUP BY assignment, then by coder and state), not
 * counted cell by cell, so 1,000 articles × 10 coders cost one pass over
 * their annotations (npm run bench).
 */
export async function projectProgress(actor: Actor, projectId: string, query: unknown): Promise<ProjectProgress> {
  await requireProjectPermission(actor, projectId, "progress.read");
  const { limit, cursor } = parseInput(progressQuery, query);
  const after = cursor === undefined ? Prisma.sql`TRUE` : Prisma.sql`"articleId" > ${cursorId(cursor)}::uuid`;
  const [row] = await db().$queryRaw<ProgressRow[]>`
    WITH cells AS MATERIALIZED (${cellsSql(Prisma.sql`s.project_id = ${projectId}::uuid`)}),
    page AS (
      SELECT DISTINCT "articleId" FROM cells WHERE ${after} ORDER BY "articleId" LIMIT ${limit + 1}
    )
    SELECT
      (SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', u.name, 'states', x.states)
          ORDER BY u.name, u.id), '[]')
        FROM (SELECT "userId", json_object_agg(state, n) AS states
          FROM (SELECT "userId", state, count(*)::int AS n FROM cells GROUP BY "userId", state) y
          GROUP BY "userId") x
        JOIN users u ON u.id = x."userId") AS coders,
      (SELECT count(DISTINCT "articleId")::int FROM cells WHERE state = 'submitted') AS "waitingCount",
      (SELECT coalesce(json_agg(json_build_object('id', ar.id, 'title', ar.title) ORDER BY ar.id), '[]')
        FROM (SELECT DISTINCT "articleId" FROM cells WHERE state = 'submitted' ORDER BY "articleId"
          LIMIT ${WAITING_SHOWN}) w
        JOIN articles ar ON ar.id = w."articleId") AS waiting,
      (SELECT coalesce(json_agg(json_build_object('id', ar.id, 'title', ar.title, 'cells', g.cells)
          ORDER BY ar.id), '[]')
        FROM (SELECT c."articleId",
            json_agg(json_build_object('userId', c."userId", 'state', c.state, 'counts', c.counts)) AS cells
          FROM cells c JOIN page USING ("articleId") GROUP BY c."articleId") g
        JOIN articles ar ON ar.id = g."articleId") AS articles`;
  const { coders: coderRows, waitingCount, waiting, articles } = row!;
  const coders = coderRows.map(({ id, name, states }) => ({ id, name, ...totals(states) }));
  const overall = totals(
    Object.fromEntries(
      ASSIGNMENT_STATES.map((state) => [state, coders.reduce((sum, coder) => sum + coder.counts[state], 0)]),
    ),
  );
  return {
    overall,
    coders,
    waiting: { count: waitingCount, articles: waiting },
    articles: toPage(articles, limit, (article) => article),
  };
}

function totals(states: Partial<StateCounts>): ProgressTotals {
  const counts = Object.fromEntries(ASSIGNMENT_STATES.map((state) => [state, states[state] ?? 0])) as StateCounts;
  const total = ASSIGNMENT_STATES.reduce((sum, state) => sum + counts[state], 0);
  return { counts, total, percentDone: total === 0 ? 0 : Math.floor((counts.done / total) * 100) };
}

const CSV_COLUMNS: CsvColumn[] = [
  { key: "articleId", header: "article_id" },
  { key: "article" },
  { key: "coderId", header: "coder_id" },
  { key: "coder" },
  { key: "email" },
  { key: "state" },
  { key: "drafts" },
  { key: "submitted" },
  { key: "approved" },
  { key: "rejected" },
];
const CSV_ROWS_PER_CHUNK = 500;

/**
 * The progress as CSV (editors): one row per article and coder, in the
 * grid's order, with the state and the annotation counts. Checked before the
 * first row; read with one aggregate (an assignment a row: at most articles ×
 * coders rows) and written in chunks.
 */
export async function progressCsv(actor: Actor, projectId: string): Promise<AsyncGenerator<string>> {
  await requireProjectPermission(actor, projectId, "progress.read");
  const rows = await db().$queryRaw<
    {
      articleId: string;
      article: string;
      coderId: string;
      coder: string;
      email: string;
      state: string;
      counts: AnnotationCounts;
    }[]
  >`
    SELECT c."articleId", ar.title AS article, c."userId" AS "coderId", u.name AS coder, u.email, c.state, c.counts
    FROM (${cellsSql(Prisma.sql`s.project_id = ${projectId}::uuid`)}) c
    JOIN articles ar ON ar.id = c."articleId"
    JOIN users u ON u.id = c."userId"
    ORDER BY c."articleId", u.name, u.id`;
  return (async function* () {
    yield csvText(CSV_COLUMNS, [], { header: true });
    for (let start = 0; start < rows.length; start += CSV_ROWS_PER_CHUNK) {
      const records = rows.slice(start, start + CSV_ROWS_PER_CHUNK).map(({ counts, ...row }) => ({
        ...row,
        drafts: counts.draft,
        submitted: counts.submitted,
        approved: counts.approved,
        rejected: counts.rejected,
      }));
      yield csvText(CSV_COLUMNS, records, { header: false });
    }
  })();
}
