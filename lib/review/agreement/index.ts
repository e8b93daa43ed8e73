import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { db } from "@/lib/db";
import type { MemberView } from "@/lib/members";
import { unprocessable } from "@/lib/errors";
import { requireProjectPermission } from "@/lib/permissions";
import { isUuid, parseInput } from "@/lib/validation";
import { Prisma } from "@/lib/generated/prisma/client";
import { runInWorker, TASK_BUDGETS } from "@/lib/workers/pool";
import type { AgreementFigures, ArticleSpans } from "./report";

/**
 * Who to measure first when nobody was chosen: two members, reviewers before editors (who code too); viewers do not
 * annotate.
 */
export function suggestedCoders(members: Pick<MemberView, "userId" | "role">[]): string[] {
  const rank = { REVIEWER: 0, EDITOR: 1, VIEWER: 2 } as const;
  return members
    .filter((member) => member.role !== "VIEWER")
    .sort((a, b) => rank[a.role] - rank[b.role])
    .slice(0, 2)
    .map((member) => member.userId);
}

const idList = z
  .string()
  .max(5000)
  .transform((value) =>
    value
      .split(",")
      .map((id) => id.trim())
      .filter(Boolean),
  );
const agreementQuery = z.object({ coders: idList, articles: idList.optional() });

export type { GroupAgreement, TagAgreement } from "./report";

export interface AgreementReport extends AgreementFigures {
  coders: { id: string; name: string }[];
}

/**
 * Agreement of the chosen coders on the project's (or the chosen articles')
 * annotations, per codebook group and tag, and on claim links (editors only).
 * Kappa (first two coders) compares the tags of the spans both marked, matched
 * by overlap. Alpha is Krippendorff's unitized alpha: the tags are categories
 * on one continuum made of the texts of the articles the coders annotated, one
 * after the other, so differing boundaries and spans only some coders marked
 * lower it. For claim links, whose units are the spans all coders marked, alpha
 * is the nominal one over those decisions.
 */
export async function measureAgreement(actor: Actor, projectId: string, query: unknown): Promise<AgreementReport> {
  await requireProjectPermission(actor, projectId, "agreement.read");
  const { coders: coderIds, articles } = parseInput(agreementQuery, query);
  const distinct = [...new Set(coderIds)];
  if (distinct.length < 2)
    throw unprocessable("Choose at least two coders (coders=<userId>,<userId>).", {
      issues: [{ path: "coders", message: "at least two user ids" }],
    });
  const members = await db().membership.findMany({
    where: { projectId, userId: { in: distinct.filter(isUuid) } },
    select: { user: { select: { id: true, name: true } } },
  });
  const coders = distinct.map((id) => members.find((member) => member.user.id === id)?.user);
  if (coders.some((coder) => !coder))
    throw unprocessable("Every coder must be a member of this project.", {
      issues: [{ path: "coders", message: "unknown member" }],
    });

  const codebook = await db().tagGroup.findMany({
    where: { projectId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { name: true, tags: { orderBy: { position: "asc" }, select: { id: true, name: true } } },
  });
  const tags = codebook.flatMap((group) =>
    group.tags.map((tag) => ({ id: tag.id, name: tag.name, group: group.name })),
  );
  const articleIds = articles?.filter(isUuid) ?? null;
  const figures = await runInWorker("agreement", {
    coders: distinct.length,
    groups: codebook.map((group) => ({ name: group.name, tags: group.tags.map((tag) => tag.name) })),
    tags: tags.map(({ name, group }) => ({ name, group })),
    articles: await spansByArticle(
      projectId,
      distinct,
      tags.map((tag) => tag.id),
      articleIds,
    ),
  });
  return { coders: coders.map((coder) => coder!), ...figures };
}

/**
 * The chosen coders' spans, one row per article (in id order) with its spans
 * in text order as parallel lists: a million annotations come as a thousand
 * rows, which neither the database nor this thread spends long on. The whole
 * project is read once, so hash joins and sorts in memory are the plan
 * whatever the statistics say (just after a large import they can be far off,
 * and a nested loop over stale estimates took minutes).
 */
/** The read has as long as the figures have on their worker (TASK_BUDGETS.agreement); Prisma's default is 5 s. */
const READ_TIMEOUT_MS = TASK_BUDGETS.agreement.timeoutMs;

function spansByArticle(
  projectId: string,
  coderIds: string[],
  tagIds: string[],
  articleIds: string[] | null,
): Promise<ArticleSpans[]> {
  const inText = Prisma.sql`ORDER BY s.start, s."end", s.id`;
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_nestloop = off`;
      await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
      return tx.$queryRaw<ArticleSpans[]>`
    WITH spans AS MATERIALIZED (
      SELECT a.id, a.article_id, a.author_id, a.start, a."end"
      FROM annotations a
      JOIN articles ar ON ar.id = a.article_id AND ar.deleted_at IS NULL
      WHERE a.project_id = ${projectId}::uuid AND a.deleted_at IS NULL AND a.anchor <> 'ORPHANED'
        AND a.author_id = ANY(${coderIds}::uuid[])
        ${articleIds ? Prisma.sql`AND a.article_id = ANY(${articleIds}::uuid[])` : Prisma.empty}
    ), tagged AS (
      SELECT t.annotation_id, string_agg((array_position(${tagIds}::uuid[], t.tag_id) - 1)::text, ' ') AS tags
      FROM annotation_tags t JOIN spans s ON s.id = t.annotation_id
      GROUP BY t.annotation_id
    ), linked AS (
      SELECT l.annotation_id, string_agg(l.event_id || ':' || l.stance, ' '
        ORDER BY (l.event_id || ':' || l.stance) COLLATE "C") AS links
      FROM claim_links l JOIN spans s ON s.id = l.annotation_id JOIN events e ON e.id = l.event_id
        AND e.deleted_at IS NULL
      GROUP BY l.annotation_id
    )
    SELECT s.article_id::text AS "articleId", ar.text_length AS "textLength",
           array_agg(array_position(${coderIds}::uuid[], s.author_id) - 1 ${inText}) AS coders,
           array_agg(s.start ${inText}) AS starts, array_agg(s."end" ${inText}) AS ends,
           string_agg(coalesce(tg.tags, ''), ',' ${inText}) AS tags, string_agg(coalesce(lk.links, ''), ',' ${inText})
             AS links
    FROM spans s
    JOIN articles ar ON ar.id = s.article_id
    LEFT JOIN tagged tg ON tg.annotation_id = s.id
    LEFT JOIN linked lk ON lk.annotation_id = s.id
    GROUP BY s.article_id, ar.text_length
    ORDER BY s.article_id`;
    },
    { timeout: READ_TIMEOUT_MS },
  );
}
