import "server-only";
import { Semaphore } from "async-mutex";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { db, rawQuery } from "@/lib/db";
import type { MemberView } from "@/lib/members";
import { unprocessable } from "@/lib/errors";
import { requireProjectPermission } from "@/lib/permissions";
import { isUuid, parseInput } from "@/lib/validation";
import { Prisma } from "@/lib/generated/prisma/client";
import { runInWorker } from "@/lib/workers/pool";
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
 * rows, which neither the database nor this thread spends long on. Read
 * article by article from an index alone (annotations_agreement_idx), each
 * span's tags and links looked up by its id, a slice of the articles per
 * statement, two statements at a time: PostgreSQL works on both cores. The
 * rows come as `pg` parses them, without Prisma's conversion of each value
 * (about a fifth of the read for a million spans).
 */
async function spansByArticle(
  projectId: string,
  coderIds: string[],
  tagIds: string[],
  articleIds: string[] | null,
): Promise<ArticleSpans[]> {
  const articles = await db().$queryRaw<{ id: string }[]>`
    SELECT id::text FROM articles
    WHERE project_id = ${projectId}::uuid AND deleted_at IS NULL
      ${articleIds ? Prisma.sql`AND id = ANY(${articleIds}::uuid[])` : Prisma.empty}
    ORDER BY id`;
  const slices: string[][] = [];
  for (let at = 0; at < articles.length; at += ARTICLES_PER_READ)
    slices.push(articles.slice(at, at + ARTICLES_PER_READ).map((article) => article.id));
  const read = await Promise.all(
    slices.map((slice) =>
      parallelReads.runExclusive(() =>
        rawQuery<ArticleSpans>(agreementSpansStatement(coderIds, tagIds, slice)).then(({ rows }) => rows),
      ),
    ),
  );
  return read.flat();
}

/**
 * Articles per statement: small enough that the slices keep both statements busy to the end, large enough that a
 * round trip is nothing beside one.
 */
const ARTICLES_PER_READ = 50;
/**
 * Statements of agreements at once (all requests together): one per core of a small server, the pool's other
 * connections left to the other requests.
 */
const parallelReads = new Semaphore(2);

/**
 * The spans of `coderIds` in the given articles, as ArticleSpans in article
 * id order (articles where none of them marked anything left out): each
 * article's spans from annotations_agreement_idx, sorted there, each span's
 * tags and links found by its id in their primary and unique keys.
 */
export function agreementSpansStatement(coderIds: string[], tagIds: string[], articleIds: string[]): Prisma.Sql {
  const inText = Prisma.sql`ORDER BY a.start, a."end", a.id`;
  return Prisma.sql`
    SELECT ar.id::text AS "articleId", ar.text_length AS "textLength", s.spans, s.tags, s.links
    FROM articles ar
    CROSS JOIN LATERAL (
      SELECT string_agg(int2send((array_position(${coderIds}::uuid[], a.author_id) - 1)::int2) || int4send(a.start)
               || int4send(a."end"), ''::bytea ${inText}) AS spans,
             string_agg(coalesce((
               SELECT string_agg((array_position(${tagIds}::uuid[], t.tag_id) - 1)::text, ' ')
               FROM annotation_tags t WHERE t.annotation_id = a.id
             ), ''), ',' ${inText}) AS tags,
             -- An annotation links to an event once: in event id order, which is also the order of the
             -- "eventId:STANCE" texts.
             string_agg(coalesce((
               SELECT string_agg(l.event_id || ':' || l.stance, ' ' ORDER BY l.event_id)
               FROM claim_links l JOIN events e ON e.id = l.event_id AND e.deleted_at IS NULL
               WHERE l.annotation_id = a.id
             ), ''), ',' ${inText}) AS links
      FROM annotations a
      WHERE a.article_id = ar.id AND a.author_id = ANY(${coderIds}::uuid[])
        AND a.deleted_at IS NULL AND a.anchor <> 'ORPHANED'
    ) s
    WHERE ar.id = ANY(${articleIds}::uuid[]) AND s.spans IS NOT NULL
    ORDER BY ar.id`;
}
