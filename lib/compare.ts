import "server-only";
import { inCodebookOrder } from "@/lib/codebook";
import {
  type AnnotationView,
  annotationColumnsSql,
  type ViewedTag,
  type KindedTagView,
  toKindedTagView,
} from "@/lib/annotations/shape";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { type Contradiction, contradictionsOf } from "@/lib/contradictions";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { unprocessable } from "@/lib/errors";
import type { Stance, TagGroupKind } from "@/lib/generated/prisma/enums";
import { type ConfirmedOmissionView, confirmedOmissionsOf } from "@/lib/confirmed-omissions";
import { linksOfClaimsSql } from "@/lib/events";
import { findPossibleCoverage, type PossibleCoverage } from "@/lib/matching/coverage";
import { omissionCounts, omittingSources } from "@/lib/omissions";
import { notRejectedSql, type ProjectAccess, requireProjectPermission, visibleAnnotationsSql } from "@/lib/permissions";
import { formatDate, isUuid, parseInput } from "@/lib/validation";

const MAX_ARTICLES = 6;

export interface ComparedArticle {
  id: string;
  title: string;
  source: string | null;
  publishedAt: string | null;
  /** Events that other chosen articles report and this one does not. */
  omissions: number;
  claimCount: number;
}

export interface ComparedClaim extends Pick<AnnotationView, "start" | "end" | "exact"> {
  annotationId: string;
  linkId: string | null;
  stance: Stance | null;
  attributedTo: string | null;
  note: string | null;
  tags: Omit<KindedTagView, "id">[];
}

export interface ComparedEvent {
  id: string;
  title: string;
  date: string | null;
  dateEnd: string | null;
  place: string | null;
  claims: Record<string, ComparedClaim[]>;
  /** The chosen articles that have no claim about this event. */
  omittedBy: string[];
}

/** Per article: how many of its claims carry each frame, rhetoric and verdict tag. */
export type FramingProfile = Record<"frame" | "rhetoric" | "verdict", Record<string, number>>;

export interface Comparison {
  articles: ComparedArticle[];
  events: ComparedEvent[];
  unlinked: Record<string, ComparedClaim[]>;
  profile: Record<string, FramingProfile>;
  /** Figures the articles give for the same event that cannot all be true (lib/contradictions.ts). */
  contradictions: Contradiction[];
  /** For omitted cells not confirmed: the article's passage that may report the event (lib/matching/coverage.ts). */
  possibleCoverage: PossibleCoverage[];
  /** Omitted cells a member confirmed: the article does not report the event. */
  confirmedOmissions: ConfirmedOmissionView[];
}

const articleIds = z
  .string()
  .max(2000)
  .transform((value) =>
    value
      .split(",")
      .map((id) => id.trim())
      .filter(Boolean),
  );

/** `?articles=a,b,c` or `?a=&b=`; neither: the project's first two articles. */
const compareQuery = z.object({
  articles: articleIds.optional(),
  a: z.string().max(100).optional(),
  b: z.string().max(100).optional(),
});

const PROFILE_KIND: Partial<Record<TagGroupKind, keyof FramingProfile>> = {
  FRAME: "frame",
  RHETORIC: "rhetoric",
  VERDICT: "verdict",
};

/**
 * The comparison of two or more articles of a project: events (by date) with
 * each article's claims about them and the articles that omit them, claims
 * not linked to any event, and each article's framing profile. A fixed number
 * of queries whatever the number of events: the articles, then the claims
 * with their tags and their links (two flat queries), nothing per event.
 */
export async function compareArticles(
  actor: Actor,
  projectId: string,
  query: unknown,
  /** possibleCoverage false: leave the search for possible coverage out (`npm run bench` measures its cost). */
  options: { possibleCoverage?: boolean } = {},
): Promise<Comparison> {
  const access = await requireProjectPermission(actor, projectId, "annotation.read");
  const { articles: listed, a, b } = parseInput(compareQuery, query);
  const requested = listed ?? [a, b].filter((id): id is string => Boolean(id));
  const ids = [...new Set(requested)];

  const articles = await db().article.findMany({
    where: { projectId, deletedAt: null, ...(ids.length > 0 ? { id: { in: ids.filter(isUuid) } } : {}) },
    orderBy: { id: "asc" },
    ...(ids.length > 0 ? {} : { take: 2 }),
    select: { id: true, title: true, publishedAt: true, source: { select: { name: true } } },
  });
  if (ids.length > 0) {
    const missing = ids.filter((id) => !articles.some((article) => article.id === id));
    if (missing.length > 0)
      throw unprocessable(`Not articles of this project: ${missing.join(", ")}.`, {
        issues: [{ path: "articles", message: "unknown article" }],
      });
    articles.sort((x, y) => ids.indexOf(x.id) - ids.indexOf(y.id));
  }
  if (articles.length < 2 || articles.length > MAX_ARTICLES) {
    throw unprocessable(`Choose between 2 and ${MAX_ARTICLES} articles to compare (got ${articles.length}).`, {
      issues: [{ path: "articles", message: `between 2 and ${MAX_ARTICLES} article ids` }],
    });
  }

  const annotations = await loadClaims(
    actor,
    access,
    articles.map((article) => article.id),
  );

  const events = new Map<string, ComparedEvent & { sortDate: number }>();
  const unlinked: Record<string, ComparedClaim[]> = {};
  const profile: Record<string, FramingProfile> = {};
  for (const article of articles) {
    unlinked[article.id] = [];
    profile[article.id] = { frame: {}, rhetoric: {}, verdict: {} };
  }

  // One view per tag, however many claims carry it (object rest is slow in V8: thousands of claims).
  const tagViews = new Map<string, ComparedClaim["tags"][number]>();
  const viewOf = (tag: ClaimRow["tags"][number]) => {
    let view = tagViews.get(tag.id);
    if (!view) {
      const { id: _id, ...named } = toKindedTagView(tag);
      view = named;
      tagViews.set(tag.id, view);
    }
    return view;
  };
  for (const annotation of annotations) {
    const tags = inCodebookOrder(annotation.tags).map(viewOf);
    for (const tag of tags) {
      const kind = PROFILE_KIND[tag.kind];
      if (kind)
        profile[annotation.articleId]![kind][tag.name] = (profile[annotation.articleId]![kind][tag.name] ?? 0) + 1;
    }
    const claim = {
      annotationId: annotation.id,
      start: annotation.start,
      end: annotation.end,
      exact: annotation.exact,
      tags,
    };
    if (annotation.claimLinks.length === 0) {
      unlinked[annotation.articleId]!.push({ ...claim, linkId: null, stance: null, attributedTo: null, note: null });
    }
    for (const link of annotation.claimLinks) {
      const { event } = link;
      let row = events.get(event.id);
      if (!row) {
        row = {
          id: event.id,
          title: event.title,
          date: formatDate(event.dateStart),
          dateEnd: formatDate(event.dateEnd),
          place: event.place,
          claims: Object.fromEntries(articles.map((article) => [article.id, []])),
          omittedBy: [],
          sortDate: event.dateStart?.getTime() ?? Number.POSITIVE_INFINITY,
        };
        events.set(event.id, row);
      }
      row.claims[annotation.articleId]!.push({
        ...claim,
        linkId: link.id,
        stance: link.stance,
        attributedTo: link.attributedTo,
        note: link.note,
      });
    }
  }

  const rows = [...events.values()].sort(
    (x, y) => (x.sortDate === y.sortDate ? 0 : x.sortDate < y.sortDate ? -1 : 1) || x.title.localeCompare(y.title),
  );
  const reportingArticles = rows.map(
    (row) => new Set(articles.filter((article) => row.claims[article.id]!.length > 0).map((article) => article.id)),
  );
  const result: ComparedEvent[] = rows.map(({ sortDate: _sortDate, ...row }, index) => ({
    ...row,
    omittedBy: omittingSources(articles, reportingArticles[index]!, (article) => article.id).map(
      (article) => article.id,
    ),
  }));
  const omissions = omissionCounts(
    articles.map((article) => article.id),
    reportingArticles,
  );

  const sourceOf = (articleId: string) => {
    const article = articles.find((candidate) => candidate.id === articleId)!;
    return article.source?.name ?? article.title;
  };
  const contradictions = result.flatMap((event) =>
    contradictionsOf(
      event.id,
      articles.flatMap((article) => event.claims[article.id]!.map((claim) => ({ ...claim, articleId: article.id }))),
      sourceOf,
    ),
  );

  const confirmedOmissions = await confirmedOmissionsOf(
    result.map((event) => event.id),
    articles.map((article) => article.id),
  );
  const confirmed = new Set(confirmedOmissions.map((omission) => `${omission.eventId}:${omission.articleId}`));
  const possibleCoverage = await (options.possibleCoverage === false
    ? []
    : findPossibleCoverage(
        rows.map((event) => ({
          id: event.id,
          words: [event.title, ...Object.values(event.claims).flatMap((claims) => claims.map((claim) => claim.exact))],
        })),
        result.flatMap((event) =>
          event.omittedBy
            .filter((articleId) => !confirmed.has(`${event.id}:${articleId}`))
            .map((articleId) => ({ eventId: event.id, articleId })),
        ),
      ));

  return {
    articles: articles.map((article) => ({
      id: article.id,
      title: article.title,
      source: article.source?.name ?? null,
      publishedAt: formatDate(article.publishedAt),
      omissions: omissions.get(article.id)!,
      claimCount: annotations.filter((annotation) => annotation.articleId === article.id).length,
    })),
    events: result,
    unlinked,
    profile,
    contradictions,
    possibleCoverage,
    confirmedOmissions,
  };
}

/** The event links of the compared claims (`claimsWhere`, on annotations aliased `a`), looked up by the claims' ids. */
export function comparedLinksStatement(claimsWhere: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT l.annotation_id AS "annotationId", l.id, l.stance::text AS stance, l.attributed_to AS "attributedTo", l.note,
           e.id AS "eventId", e.title, e.date_start AS "dateStart", e.date_end AS "dateEnd", e.place
    FROM claim_links l
    JOIN events e ON e.id = l.event_id AND e.deleted_at IS NULL
    WHERE ${linksOfClaimsSql(Prisma.sql`SELECT a.id FROM annotations a WHERE ${claimsWhere}`)}
    ORDER BY l.created_at, l.id`;
}

/** What the comparison reads of claims: the caller's visible, anchored, not rejected annotations of the articles. */
export function comparedClaimsSql(actor: Actor, access: ProjectAccess, articleIds: string[]): Prisma.Sql {
  return Prisma.sql`a.article_id = ANY(${articleIds}::uuid[]) AND a.anchor <> 'ORPHANED' AND ${notRejectedSql}
    AND ${visibleAnnotationsSql(actor, access)}`;
}

/** What the comparison takes of the API's view of an annotation. */
const CLAIM_FIELDS = ["id", "articleId", "start", "end", "exact"] as const satisfies readonly (keyof AnnotationView)[];

interface ClaimRow extends Pick<AnnotationView, (typeof CLAIM_FIELDS)[number]> {
  /** Read to make their views and to order them. */
  tags: (ViewedTag & { group: { kind: TagGroupKind } })[];
  claimLinks: {
    id: string;
    stance: Stance;
    attributedTo: string | null;
    note: string | null;
    event: { id: string; title: string; dateStart: Date | null; dateEnd: Date | null; place: string | null };
  }[];
}

/**
 * The articles' claims the caller may see, rejected ones left out, with tags and links, in text
 * order: two flat SQL queries put together here (Prisma's nested relation
 * loading took 3–5 times as long for 2,000 linked claims: npm run bench).
 */
async function loadClaims(actor: Actor, access: ProjectAccess, articleIds: string[]): Promise<ClaimRow[]> {
  const claimsWhere = comparedClaimsSql(actor, access, articleIds);
  const [tagged, links] = await Promise.all([
    db().$queryRaw<
      (Omit<ClaimRow, "tags" | "claimLinks"> & {
        tagId: string | null;
        tag: string;
        color: string;
        position: number;
        groupName: string;
        kind: TagGroupKind;
        groupPosition: number;
      })[]
    >`
      SELECT ${annotationColumnsSql(CLAIM_FIELDS)}, t.id AS "tagId", t.name AS tag, t.color, t.position,
             g.name AS "groupName", g.kind::text AS kind, g.position AS "groupPosition"
      FROM annotations a
      LEFT JOIN annotation_tags at ON at.annotation_id = a.id
      LEFT JOIN tags t ON t.id = at.tag_id
      LEFT JOIN tag_groups g ON g.id = t.group_id
      WHERE ${claimsWhere}
      ORDER BY a.start, a."end", a.id`,
    db().$queryRaw<
      ({
        annotationId: string;
        eventId: string;
        title: string;
        dateStart: Date | null;
        dateEnd: Date | null;
        place: string | null;
      } & Omit<ClaimRow["claimLinks"][number], "event">)[]
    >(comparedLinksStatement(claimsWhere)),
  ]);
  const claims = new Map<string, ClaimRow>();
  // One object per tag, however many claims carry it: its view is made once.
  const tags = new Map<string, ClaimRow["tags"][number]>();
  // Built field by field, not with object rest: a row per claim and tag, thousands of them.
  for (const row of tagged) {
    let claim = claims.get(row.id);
    if (!claim) {
      const { id, articleId, start, end, exact } = row;
      claim = { id, articleId, start, end, exact, tags: [], claimLinks: [] };
      claims.set(row.id, claim);
    }
    const { tagId } = row;
    if (tagId === null) continue;
    let tag = tags.get(tagId);
    if (!tag) {
      const group = { name: row.groupName, kind: row.kind, position: row.groupPosition };
      tag = { id: tagId, name: row.tag, color: row.color, position: row.position, group };
      tags.set(tagId, tag);
    }
    claim.tags.push(tag);
  }
  for (const link of links) {
    const event = {
      id: link.eventId,
      title: link.title,
      dateStart: link.dateStart,
      dateEnd: link.dateEnd,
      place: link.place,
    };
    const { id, stance, attributedTo, note } = link;
    claims.get(link.annotationId)?.claimLinks.push({ id, stance, attributedTo, note, event });
  }
  return [...claims.values()];
}
