import "server-only";
import type { Actor } from "@/lib/actor";
import type { DbClient } from "@/lib/db";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AnnotationStatus } from "@/lib/generated/prisma/enums";
import { requireProjectPermission, visibleAnnotationsSql, type ProjectAccess } from "@/lib/permissions";

/** An annotation that breaks a rule of its codebook: it cannot be submitted or approved until fixed. */
export interface RuleBreach {
  id: string;
  articleId: string;
  articleTitle: string;
  exact: string;
  status: AnnotationStatus;
  group: { id: string; name: string };
  /** single: more than one tag of a single-choice group (`tags`); required: none of a required group. */
  rule: "single" | "required";
  /** The annotation's tags of the group. */
  tags: string[];
  /** Where the reader shows it. */
  url: string;
}

/** How many breaches a list holds at most: enough to work through, small enough for one answer. */
export const MAX_BREACHES_LISTED = 200;

/**
 * The live annotations the caller may see that break a rule of the project's
 * groups (or of `groupId` alone), oldest first, at most MAX_BREACHES_LISTED,
 * and how many there are in all. One query: per annotation and group, the
 * count of its tags in the group.
 */
export async function findRuleBreaches(
  tx: DbClient,
  actor: Actor,
  access: ProjectAccess,
  groupId?: string,
): Promise<{ breaches: RuleBreach[]; total: number }> {
  const onlyGroup = groupId ? Prisma.sql`AND g.id = ${groupId}::uuid` : Prisma.empty;
  const rows = await tx.$queryRaw<
    (Omit<RuleBreach, "group" | "url"> & { groupId: string; groupName: string; total: bigint })[]
  >`
    WITH breach AS (
      SELECT a.id, a.article_id, a.exact, a.status, g.id AS group_id, g.name AS group_name, g.position,
        CASE WHEN g.choice = 'single' AND count(t.id) > 1 THEN 'single' ELSE 'required' END AS rule,
        coalesce(array_agg(t.name ORDER BY t.position) FILTER (WHERE t.id IS NOT NULL), '{}') AS tags
      FROM annotations a
      JOIN articles ar ON ar.id = a.article_id AND ar.deleted_at IS NULL
      JOIN tag_groups g ON g.project_id = a.project_id ${onlyGroup}
      LEFT JOIN annotation_tags at ON at.annotation_id = a.id
      LEFT JOIN tags t ON t.id = at.tag_id AND t.group_id = g.id
      WHERE ${visibleAnnotationsSql(actor, access)} AND (g.choice = 'single' OR g.required)
      GROUP BY a.id, g.id
      HAVING (g.choice = 'single' AND count(t.id) > 1) OR (g.required AND count(t.id) = 0)
    )
    SELECT b.id, b.article_id AS "articleId", ar.title AS "articleTitle", b.exact, b.status::text AS status,
      b.group_id AS "groupId", b.group_name AS "groupName", b.rule, b.tags, count(*) OVER () AS total
    FROM breach b JOIN articles ar ON ar.id = b.article_id
    ORDER BY b.id, b.position
    LIMIT ${MAX_BREACHES_LISTED}`;
  return {
    total: Number(rows[0]?.total ?? 0),
    breaches: rows.map(({ groupId: id, groupName: name, total: _total, ...row }) => ({
      ...row,
      group: { id, name },
      url: `/articles/${row.articleId}#annotation-${row.id}`,
    })),
  };
}

/** The annotations that break the project's codebook rules, for the Codebook page (members). */
export async function listRuleBreaches(
  actor: Actor,
  projectId: string,
): Promise<{ breaches: RuleBreach[]; total: number }> {
  const access = await requireProjectPermission(actor, projectId, "codebook.read");
  return findRuleBreaches(db(), actor, access);
}
