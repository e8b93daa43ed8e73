import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { type AnnotationTagView, codebookTagSelect, toTagViews } from "@/lib/annotations/shape";
import { db } from "@/lib/db";
import { unprocessable } from "@/lib/errors";
import { requireArticlePermission, seesOthersUnapprovedAnnotations, visibleAnnotationsSql } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { runInWorker } from "@/lib/workers/pool";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TagExample } from "./tag-ranker";

export interface RankedTagView {
  tag: AnnotationTagView;
  /** 0–1: how likely the project's annotations make this tag for the passage. */
  score: number;
}

/** The project's newest annotations teach the ranking, at most this many: training stays bounded at any size. */
const MAX_LEARNED = 10_000;
/** The tags answered, at most. */
const MAX_RANKED = 10;

const offset = z
  .string()
  .regex(/^\d{1,9}$/, "must be a whole number of UTF-16 code units")
  .transform(Number);
const rankingQuery = z.object({ start: offset, end: offset });

/**
 * The codebook's tags ranked by how likely the project's own annotations
 * make them for a passage of the article (start–end): a text classifier,
 * trained on a worker thread on the passages the caller sees tagged (blind
 * coding kept; rejected annotations teach nothing), and trained again only
 * when those annotations change (their count or latest change). For coders
 * (reviewers and editors), as the suggestions are; archived tags are not
 * ranked.
 */
export async function rankTagsForPassage(
  actor: Actor,
  articleId: string,
  query: unknown,
): Promise<{ items: RankedTagView[] }> {
  const access = await requireArticlePermission(actor, articleId, "annotation.create");
  const { start, end } = parseInput(rankingQuery, query);
  const article = await db().article.findUniqueOrThrow({ where: { id: articleId }, select: { text: true } });
  if (start >= end || end > article.text.length) {
    throw unprocessable(`start and end must name a passage of the article: 0 ≤ start < end ≤ ${article.text.length}.`);
  }
  const visible = visibleAnnotationsSql(actor, access);
  const [[learned], codebook] = await Promise.all([
    db().$queryRaw<{ count: number; latest: Date | null }[]>`
      SELECT count(*)::int AS count, max(a.updated_at) AS latest FROM annotations a
      WHERE ${visible} AND a.status <> 'REJECTED'`,
    db().tag.findMany({ where: { projectId: access.projectId, archivedAt: null }, select: codebookTagSelect }),
  ]);
  const request = {
    scope: `${access.projectId}:${seesOthersUnapprovedAnnotations(access) ? "all" : actor.userId}`,
    version: `${learned!.count}:${learned!.latest?.toISOString()}`,
    exact: article.text.slice(start, end),
  };
  // The worker keeps what it trained; one that has not trained on these annotations yet asks for them.
  let ranked = await runInWorker("rankTags", request);
  if (ranked === "untrained") ranked = await runInWorker("rankTags", { ...request, examples: await examples(visible) });
  if (ranked === "untrained") return { items: [] };
  const tagById = new Map(codebook.map((tag) => [tag.id, tag]));
  return {
    items: ranked
      .filter(({ tagId }) => tagById.has(tagId))
      .slice(0, MAX_RANKED)
      .map(({ tagId, score }) => ({ tag: toTagViews([tagById.get(tagId)!])[0]!, score })),
  };
}

/** The newest annotations the caller sees, not rejected, as the classifier learns them. */
function examples(visible: Prisma.Sql): Promise<TagExample[]> {
  return db().$queryRaw<TagExample[]>`
    SELECT a.exact, array_agg(at.tag_id::text) AS "tagIds"
    FROM (
      SELECT a.id, a.exact FROM annotations a
      WHERE ${visible} AND a.status <> 'REJECTED' ORDER BY a.id DESC LIMIT ${MAX_LEARNED}
    ) a JOIN annotation_tags at ON at.annotation_id = a.id
    GROUP BY a.id, a.exact`;
}
