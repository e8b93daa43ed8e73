import "server-only";
import { inCodebookOrder } from "@/lib/codebook";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { type AnnotationView, carriesTagSql } from "@/lib/annotations";
import { annotationColumnsSql, type KindedTagView, toKindedTagView } from "@/lib/annotations/shape";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Stance, TagGroupChoice, TagGroupKind } from "@/lib/generated/prisma/enums";
import { notRejectedSql, type ProjectAccess, requireProjectPermission, visibleAnnotationsSql } from "@/lib/permissions";
import type { ProjectPublishing } from "@/lib/publishing";
import { calendarDate, formatDate, isUuid, parseInput, queryText } from "@/lib/validation";

export const EXPORT_FORMATS = ["csv", "json", "jsonld", "md", "pdf", "claimreview"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const STATUSES = ["DRAFT", "SUBMITTED", "APPROVED", "REJECTED"] as const;
const commaList = queryText(10_000).transform((value) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean),
);
const flag = z.enum(["1", "true", "0", "false"]).transform((value) => value === "1" || value === "true");

/** `?format=` and the filters every format takes. */
const exportQuery = z.object({
  format: z.enum(EXPORT_FORMATS, { error: `format must be one of ${EXPORT_FORMATS.join(", ")}` }),
  /** Article ids. */
  articles: commaList.optional(),
  /** Tag ids or names: annotations with any of them. */
  tags: commaList.optional(),
  /** Statuses (in any case), or `all`: the reports' default is approved claims only (annotationFilter). */
  status: commaList
    .transform((statuses) => statuses.map((status) => status.toUpperCase()))
    .pipe(z.union([z.tuple([z.literal("ALL")]).transform(() => "all" as const), z.array(z.enum(STATUSES)).min(1)]))
    .optional(),
  /** The author's user id. */
  author: z.uuid({ error: "author must be a user id" }).optional(),
  /** Annotations created on or after / on or before these days (UTC). */
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  /** CSV: start with a byte order mark, for Excel. */
  bom: flag.optional(),
});

export type ExportRequest = z.output<typeof exportQuery>;

export interface ExportArticle {
  id: string;
  title: string;
  url: string | null;
  author: string | null;
  publishedAt: string | null;
  source: string | null;
  /** The outlet's homepage and what the project notes about it (ownership, lean), for the reports. */
  sourceHomepage: string | null;
  sourceNotes: string | null;
  revision: number;
}

export type ExportTag = KindedTagView;

export interface ExportLink {
  eventId: string;
  event: string;
  eventDate: string | null;
  stance: Stance;
  attributedTo: string | null;
  note: string | null;
}

/** What exports take of the API's view of an annotation. */
const EXPORTED_FIELDS = [
  "id",
  "articleId",
  "start",
  "end",
  "exact",
  "prefix",
  "suffix",
  "note",
  "status",
  "reviewUrl",
  "author",
  "createdAt",
  "updatedAt",
] as const satisfies readonly (keyof AnnotationView)[];

/** An annotation as exports see it: the API's view, with each tag's group kind and the event links. */
export interface ExportAnnotation extends Pick<AnnotationView, (typeof EXPORTED_FIELDS)[number]> {
  /** When an editor approved (or rejected) it: null while it waits. */
  reviewedAt: string | null;
  tags: ExportTag[];
  links: ExportLink[];
}

/** What every format needs besides the annotations themselves. */
export interface ExportContext {
  request: ExportRequest;
  access: ProjectAccess;
  project: { id: string; name: string; description: string | null };
  /** How the project publishes its fact-checks (ClaimReview). */
  publishing: ProjectPublishing;
  groups: {
    id: string;
    name: string;
    kind: TagGroupKind;
    description: string | null;
    choice: TagGroupChoice;
    required: boolean;
  }[];
  /** The codebook's tags (archived ones too) by id, with their place in codebook order. */
  tagById: Map<string, ExportTag & { rank: number }>;
  articles: ExportArticle[];
  articleById: Map<string, ExportArticle>;
  /**
   * Which annotations the caller may see and the filters select, as an SQL condition on the annotations aliased `a`.
   */
  filter: Prisma.Sql;
}

const BATCH_SIZE = 500;

/**
 * Checks that the caller may read the project and parses the query (400/422
 * before any byte is sent), and loads the project, codebook and the articles
 * the filters select.
 */
export async function openExport(actor: Actor, projectId: string, query: unknown): Promise<ExportContext> {
  const access = await requireProjectPermission(actor, projectId, "annotation.read");
  const request = parseInput(exportQuery, query);
  const [project, groups, tags, articles] = await Promise.all([
    db().project.findUniqueOrThrow({
      where: { id: projectId },
      select: {
        id: true,
        name: true,
        description: true,
        publisherName: true,
        publisherUrl: true,
        publisherLogoUrl: true,
        reviewUrlTemplate: true,
      },
    }),
    db().tagGroup.findMany({
      where: { projectId },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { id: true, name: true, kind: true, description: true, position: true, choice: true, required: true },
    }),
    db().tag.findMany({
      where: { projectId },
      select: { id: true, name: true, color: true, position: true, groupId: true },
    }),
    db().article.findMany({
      where: {
        projectId,
        deletedAt: null,
        ...(request.articles ? { id: { in: request.articles.filter(isUuid) } } : {}),
      },
      orderBy: { id: "asc" },
      // Not the texts: a thousand articles of 50,000 characters are 100 MB the CSV never uses. articleText reads one
      // when a format needs it.
      select: {
        id: true,
        title: true,
        url: true,
        author: true,
        publishedAt: true,
        revision: true,
        source: { select: { name: true, homepage: true, notes: true } },
      },
    }),
  ]);
  const exported = articles.map(({ source, publishedAt, ...article }) => ({
    ...article,
    publishedAt: formatDate(publishedAt),
    source: source?.name ?? null,
    sourceHomepage: source?.homepage ?? null,
    sourceNotes: source?.notes ?? null,
  }));
  const groupById = new Map(groups.map((group) => [group.id, group]));
  const codebook = inCodebookOrder(tags.map((tag) => ({ ...tag, group: groupById.get(tag.groupId)! })));
  const tagById = new Map(codebook.map((tag, rank) => [tag.id, { ...toKindedTagView(tag), rank }]));
  const { publisherName, publisherUrl, publisherLogoUrl, reviewUrlTemplate, ...described } = project;
  return {
    request,
    access,
    project: described,
    publishing: {
      publisher:
        publisherName && publisherUrl ? { name: publisherName, url: publisherUrl, logoUrl: publisherLogoUrl } : null,
      reviewUrlTemplate,
    },
    groups: groups.map(({ position: _position, ...group }) => group),
    tagById,
    articles: exported,
    articleById: new Map(exported.map((article) => [article.id, article])),
    filter: annotationFilter(actor, access, request),
  };
}

/** One exported article's text, read when a format needs it (one at a time, as it goes through the articles). */
export async function articleText(articleId: string): Promise<string> {
  const { text } = await db().article.findUniqueOrThrow({ where: { id: articleId }, select: { text: true } });
  return text;
}

/** The reports, made to publish (ClaimReview decides what it publishes itself). The others carry the project's data. */
const PUBLISHED_FORMATS: readonly ExportFormat[] = ["md", "pdf"];

/**
 * The query's filters (and the caller's visibility) as SQL. The reports,
 * made to publish, take only the claims an editor has approved unless
 * `status` names others (`status=all`: every status). ClaimReview takes
 * every claim but the rejected ones, publishes the approved and counts the
 * others as left out (lib/exports/claim-review.ts).
 */
function annotationFilter(actor: Actor, access: ProjectAccess, request: ExportRequest): Prisma.Sql {
  const conditions = [visibleAnnotationsSql(actor, access)];
  const statuses = request.status ?? (PUBLISHED_FORMATS.includes(request.format) ? ["APPROVED"] : "all");
  if (statuses !== "all") conditions.push(Prisma.sql`a.status::text = ANY(${statuses}::text[])`);
  else if (request.format === "claimreview" && !request.status) conditions.push(notRejectedSql);
  if (request.author) conditions.push(Prisma.sql`a.author_id = ${request.author}::uuid`);
  if (request.tags) conditions.push(carriesTagSql(request.tags));
  if (request.from) conditions.push(Prisma.sql`a.created_at >= ${request.from}`);
  // `to` is a day: everything created before the next one.
  if (request.to) conditions.push(Prisma.sql`a.created_at < ${new Date(request.to.getTime() + 24 * 60 * 60 * 1000)}`);
  return Prisma.join(conditions, " AND ");
}

/** An exported annotation as its query reads it: the view's fields, its tags' ids and its links. */
interface AnnotationRow extends Pick<ExportAnnotation, (typeof EXPORTED_FIELDS)[number]> {
  reviewedAt: Date | null;
  tagIds: string[];
  links: ExportLink[] | null;
}

function toExportAnnotation(
  { tagIds, links, reviewedAt, ...exported }: AnnotationRow,
  context: ExportContext,
): ExportAnnotation {
  return {
    ...exported,
    reviewedAt: reviewedAt?.toISOString() ?? null,
    tags: tagsOf(tagIds, context),
    links: links ?? [],
  };
}

/** Tags by id as exports list them: in codebook order. */
export function tagsOf(tagIds: string[], context: ExportContext): ExportTag[] {
  return tagIds
    .map((id) => context.tagById.get(id)!)
    .sort((a, b) => a.rank - b.rank)
    .map(({ rank: _rank, ...tag }) => tag);
}

/**
 * The selected annotations, article by article in text order, in batches:
 * the export never holds more than one batch of them. One flat query per
 * batch (tags as ids, links as JSON): Prisma's nested reads made the server's
 * memory grow by over 200 MB on 100,000 annotations (npm run bench).
 */
export async function* annotationBatches(context: ExportContext): AsyncGenerator<ExportAnnotation[]> {
  for (const article of context.articles) {
    let after = Prisma.empty;
    while (true) {
      const rows = await db().$queryRaw<AnnotationRow[]>`
        SELECT ${annotationColumnsSql(EXPORTED_FIELDS)}, a.reviewed_at AS "reviewedAt",
               ARRAY(SELECT at.tag_id FROM annotation_tags at WHERE at.annotation_id = a.id) AS "tagIds",
               (SELECT json_agg(json_build_object('eventId', e.id, 'event', e.title, 'eventDate', e.date_start,
                 'stance', l.stance,
                                                  'attributedTo', l.attributed_to, 'note', l.note)
                                                    ORDER BY l.created_at, l.id)
                  FROM claim_links l JOIN events e ON e.id = l.event_id AND e.deleted_at IS NULL
                    WHERE l.annotation_id = a.id) AS links
        FROM annotations a JOIN users u ON u.id = a.author_id
        WHERE a.article_id = ${article.id}::uuid AND ${context.filter} ${after}
        ORDER BY a.start, a.id
        LIMIT ${BATCH_SIZE}`;
      if (rows.length === 0) break;
      yield rows.map((row) => toExportAnnotation(row, context));
      if (rows.length < BATCH_SIZE) break;
      const last = rows.at(-1)!;
      after = Prisma.sql`AND (a.start, a.id) > (${last.start}, ${last.id}::uuid)`;
    }
  }
}
