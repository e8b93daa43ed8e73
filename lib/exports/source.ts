import "server-only";
import { inCodebookOrder } from "@/lib/codebook";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { type AnnotationView, visibleAnnotationsWhere } from "@/lib/annotations";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Stance, TagGroupKind } from "@/lib/generated/prisma/enums";
import { type ProjectAccess, requireProjectPermission } from "@/lib/permissions";
import { calendarDate, formatDate, isUuid, parseInput } from "@/lib/validation";

export const EXPORT_FORMATS = ["csv", "json", "jsonld", "md", "pdf", "claimreview"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const STATUSES = ["DRAFT", "SUBMITTED", "APPROVED", "REJECTED"] as const;
const commaList = z
  .string()
  .max(10_000)
  .transform((value) => value.split(",").map((item) => item.trim()).filter(Boolean));
const flag = z.enum(["1", "true", "0", "false"]).transform((value) => value === "1" || value === "true");

/** `?format=` and the filters every format takes. */
const exportQuery = z.object({
  format: z.enum(EXPORT_FORMATS, { error: `format must be one of ${EXPORT_FORMATS.join(", ")}` }),
  /** Article ids. */
  articles: commaList.optional(),
  /** Tag ids or names: annotations with any of them. */
  tags: commaList.optional(),
  status: commaList.pipe(z.array(z.enum(STATUSES))).optional(),
  /** The author's user id. */
  author: z.uuid({ error: "author must be a user id" }).optional(),
  /** Annotations created on or after / on or before these days (UTC). */
  from: calendarDate.optional(),
  to: calendarDate.optional(),
  /** CSV: start with a byte order mark, for Excel. */
  bom: flag.optional(),
  /** ClaimReview: the fact-checking organisation named as author (default: the project's name). */
  organization: z.string().trim().min(1).max(200).optional(),
});

export type ExportRequest = z.output<typeof exportQuery>;

export interface ExportArticle {
  id: string;
  title: string;
  url: string | null;
  author: string | null;
  publishedAt: string | null;
  source: string | null;
  text: string;
  revision: number;
}

export interface ExportTag {
  id: string;
  name: string;
  group: string;
  kind: TagGroupKind;
  color: string;
}

export interface ExportLink {
  eventId: string;
  event: string;
  eventDate: string | null;
  stance: Stance;
  attributedTo: string | null;
  note: string | null;
}

/** An annotation as exports see it: the API's view, with each tag's group kind and the event links. */
export interface ExportAnnotation
  extends Pick<AnnotationView, "id" | "articleId" | "start" | "end" | "exact" | "prefix" | "suffix" | "note" | "status" | "author" | "createdAt" | "updatedAt"> {
  tags: ExportTag[];
  links: ExportLink[];
}

/** What every format needs besides the annotations themselves. */
export interface ExportContext {
  request: ExportRequest;
  access: ProjectAccess;
  project: { id: string; name: string; description: string | null };
  groups: { id: string; name: string; kind: TagGroupKind; description: string | null }[];
  articles: ExportArticle[];
  articleById: Map<string, ExportArticle>;
  where: Prisma.AnnotationWhereInput;
}

const BATCH_SIZE = 500;

/**
 * Checks that the caller may read the project and parses the query (400/422
 * before any byte is sent), and loads the project, codebook groups and the
 * articles the filters select.
 */
export async function openExport(actor: Actor, projectId: string, query: unknown): Promise<ExportContext> {
  const access = await requireProjectPermission(actor, projectId, "annotation.read");
  const request = parseInput(exportQuery, query);
  const [project, groups, articles] = await Promise.all([
    db().project.findUniqueOrThrow({ where: { id: projectId }, select: { id: true, name: true, description: true } }),
    db().tagGroup.findMany({ where: { projectId }, orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, name: true, kind: true, description: true } }),
    db().article.findMany({
      where: { projectId, deletedAt: null, ...(request.articles ? { id: { in: request.articles.filter(isUuid) } } : {}) },
      orderBy: { id: "asc" },
      select: { id: true, title: true, url: true, author: true, publishedAt: true, text: true, revision: true, source: { select: { name: true } } },
    }),
  ]);
  const exported = articles.map(({ source, publishedAt, ...article }) => ({ ...article, publishedAt: formatDate(publishedAt), source: source?.name ?? null }));
  const toDayEnd = request.to ? new Date(request.to.getTime() + 24 * 60 * 60 * 1000) : undefined;
  const where: Prisma.AnnotationWhereInput = {
    articleId: { in: exported.map((article) => article.id) },
    ...visibleAnnotationsWhere(actor, access),
    ...(request.status ? { status: { in: request.status } } : {}),
    ...(request.author ? { authorId: request.author } : {}),
    ...(request.tags ? { tags: { some: { tag: { OR: [{ id: { in: request.tags.filter(isUuid) } }, { name: { in: request.tags } }] } } } } : {}),
    ...(request.from || toDayEnd ? { createdAt: { ...(request.from ? { gte: request.from } : {}), ...(toDayEnd ? { lt: toDayEnd } : {}) } } : {}),
  };
  return { request, access, project, groups, articles: exported, articleById: new Map(exported.map((article) => [article.id, article])), where };
}

const annotationSelect = {
  id: true,
  articleId: true,
  start: true,
  end: true,
  exact: true,
  prefix: true,
  suffix: true,
  note: true,
  status: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true } },
  tags: { select: { tag: { select: { id: true, name: true, color: true, position: true, group: { select: { name: true, kind: true, position: true } } } } } },
  claimLinks: {
    where: { event: { deletedAt: null } },
    orderBy: { createdAt: "asc" },
    select: { stance: true, attributedTo: true, note: true, event: { select: { id: true, title: true, dateStart: true } } },
  },
} as const satisfies Prisma.AnnotationSelect;

type AnnotationRow = Prisma.AnnotationGetPayload<{ select: typeof annotationSelect }>;

function toExportAnnotation(row: AnnotationRow): ExportAnnotation {
  return {
    id: row.id,
    articleId: row.articleId,
    start: row.start,
    end: row.end,
    exact: row.exact,
    prefix: row.prefix,
    suffix: row.suffix,
    note: row.note,
    status: row.status,
    author: row.author,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    tags: inCodebookOrder(row.tags.map(({ tag }) => tag))
      .map((tag) => ({ id: tag.id, name: tag.name, group: tag.group.name, kind: tag.group.kind, color: tag.color })),
    links: row.claimLinks.map((link) => ({
      eventId: link.event.id,
      event: link.event.title,
      eventDate: formatDate(link.event.dateStart),
      stance: link.stance,
      attributedTo: link.attributedTo,
      note: link.note,
    })),
  };
}

/**
 * The selected annotations, article by article in text order, in batches:
 * the export never holds more than one batch of them.
 */
export async function* annotationBatches(context: ExportContext): AsyncGenerator<ExportAnnotation[]> {
  for (const article of context.articles) {
    let after: { start: number; id: string } | null = null;
    while (true) {
      const rows: AnnotationRow[] = await db().annotation.findMany({
        where: {
          AND: [
            context.where,
            { articleId: article.id },
            ...(after ? [{ OR: [{ start: { gt: after.start } }, { start: after.start, id: { gt: after.id } }] }] : []),
          ],
        },
        orderBy: [{ start: "asc" }, { id: "asc" }],
        take: BATCH_SIZE,
        // A query per relation: PostgreSQL-side JSON joins made the server's memory grow by over 100 MB on 100,000 annotations (npm run bench).
        relationLoadStrategy: "query",
        select: annotationSelect,
      });
      if (rows.length === 0) break;
      yield rows.map(toExportAnnotation);
      if (rows.length < BATCH_SIZE) break;
      const last = rows.at(-1)!;
      after = { start: last.start, id: last.id };
    }
  }
}
