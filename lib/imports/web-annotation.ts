import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import {
  codePointConverter,
  describeSpanMismatch,
  type QuoteMatch,
  type QuotePlacementRequest,
  quoteContext,
  splitsSurrogatePair,
} from "@/lib/anchoring";
import { annotationFields } from "@/lib/annotations";
import { recordAudit } from "@/lib/audit";
import type { DbClient } from "@/lib/db";
import { notFound, unprocessable } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { runInWorker } from "@/lib/workers/pool";
import { v7 as uuidv7 } from "uuid";
import { insertAnnotations, type NewAnnotation } from "./insert-annotations";

type Span = { start: number; end: number };

/**
 * Where the quotes are in their articles' texts, by item index: exact copies,
 * else approximate matches, searched on a worker thread one article at a time
 * (within the worker's time limit and a budget of approximate searching).
 */
async function searchQuotes(
  items: { index: number; article: { id: string; text: string }; quote: QuotePlacementRequest | null }[],
): Promise<Map<number, QuoteMatch>> {
  const byArticle = new Map<{ text: string }, { index: number; quote: QuotePlacementRequest }[]>();
  for (const { index, article, quote } of items) {
    if (!quote) continue;
    const requests = byArticle.get(article) ?? [];
    if (requests.length === 0) byArticle.set(article, requests);
    requests.push({ index, quote });
  }
  const found = new Map<number, QuoteMatch>();
  for (const [article, requests] of byArticle) {
    const matches = await runInWorker("placeQuotes", {
      text: article.text,
      requests: requests.map((request) => request.quote),
    });
    requests.forEach(({ index }, at) => {
      const match = matches[at];
      if (match) found.set(index, match);
    });
  }
  return found;
}

/** The parts of a W3C Web Annotation import reads; anything else in an item is ignored. */
const selector = z.looseObject({ type: z.string() });
const annotation = z.looseObject({
  type: z.union([z.literal("Annotation"), z.array(z.string()).refine((types) => types.includes("Annotation"))]),
  body: z.union([z.array(z.unknown()), z.unknown()]).optional(),
  target: z.union([
    z.string(),
    z.looseObject({ source: z.string(), selector: z.union([selector, z.array(selector)]).optional() }),
    z.array(z.looseObject({ source: z.string(), selector: z.union([selector, z.array(selector)]).optional() })).min(1),
  ]),
});

/** A collection (with its first page inline), a page, one annotation, or an array of them. */
const webAnnotationFile = z.union([
  z.looseObject({ type: z.literal("AnnotationCollection"), first: z.looseObject({ items: z.array(z.unknown()) }) }),
  z.looseObject({ type: z.literal("AnnotationPage"), items: z.array(z.unknown()) }),
  z.array(z.unknown()).min(1),
  z.looseObject({ type: z.literal("Annotation") }),
]);

export function isWebAnnotationFile(input: unknown): boolean {
  if (Array.isArray(input))
    return input.length > 0 && typeof input[0] === "object" && input[0] !== null && "target" in input[0];
  const type = (input as { type?: unknown } | null)?.type;
  return type === "AnnotationCollection" || type === "AnnotationPage" || type === "Annotation";
}

export interface WebAnnotationItemReport {
  index: number;
  status: "imported" | "reanchored" | "rejected";
  id?: string;
  reason?: string;
  /** Tags of the item that are not in the project's codebook (left off). */
  unknownTags?: string[];
}

export interface WebAnnotationImportReport {
  kind: "web-annotation";
  imported: number;
  reanchored: number;
  rejected: number;
  items: WebAnnotationItemReport[];
}

interface Bodies {
  tags: string[];
  notes: string[];
}

function readBodies(body: unknown): Bodies {
  const bodies = body === undefined ? [] : Array.isArray(body) ? body : [body];
  const result: Bodies = { tags: [], notes: [] };
  for (const item of bodies) {
    if (typeof item === "string") continue; // an IRI body: nothing to read
    const { purpose, value } = (item ?? {}) as { purpose?: unknown; value?: unknown };
    if (typeof value !== "string" || !value.trim()) continue;
    if (purpose === "tagging" || purpose === "classifying") result.tags.push(value.trim());
    else result.notes.push(value);
  }
  return result;
}

/**
 * Puts W3C Web Annotations onto the project's existing articles (matched by
 * target source: the article's URL or `urn:uuid:<article id>`), or all of
 * them onto `articleId` when the caller names one (404 unless it is a live
 * article of the project): annotations of another project's copy. Positions
 * count code points in the model and are converted to UTF-16; when the text
 * there is not the quote, the TextQuoteSelector is searched (exact, then
 * approximate): "reanchored". Items that cannot be placed are rejected with
 * the reason; the rest are stored together (the caller's transaction).
 */
export async function importWebAnnotations(
  tx: DbClient,
  actor: Actor,
  projectId: string,
  input: unknown,
  articleId: string | null = null,
): Promise<WebAnnotationImportReport> {
  const file = parseInput(webAnnotationFile, input);
  const items: unknown[] = Array.isArray(file)
    ? file
    : file.type === "AnnotationCollection"
      ? (file.first as { items: unknown[] }).items
      : file.type === "AnnotationPage"
        ? (file.items as unknown[])
        : [file];
  const articles = await tx.article.findMany({
    where: { projectId, deletedAt: null, ...(articleId ? { id: articleId } : {}) },
    select: { id: true, url: true, text: true, revision: true },
  });
  const chosen = articleId ? articles[0] : undefined;
  if (articleId && !chosen) throw notFound("Article");
  const bySource = new Map<string, (typeof articles)[number]>();
  for (const article of articles) {
    bySource.set(`urn:uuid:${article.id}`, article);
    bySource.set(article.id, article);
    if (article.url) bySource.set(article.url, article);
  }
  const codebook = await tx.tag.findMany({ where: { projectId, archivedAt: null }, select: { id: true, name: true } });
  const tagId = (name: string) => codebook.find((tag) => tag.name.toLowerCase() === name.toLowerCase())?.id;
  const converters = new Map<string, ReturnType<typeof codePointConverter>>();

  const report: WebAnnotationImportReport = {
    kind: "web-annotation",
    imported: 0,
    reanchored: 0,
    rejected: 0,
    items: [],
  };
  /** What is stored, at the end, in batches. */
  const rows: NewAnnotation[] = [];
  const reject = (index: number, reason: string) => {
    report.rejected++;
    report.items.push({ index, status: "rejected", reason });
  };

  // First each item's target and its position; the quotes not at their position are searched for afterwards, off this
  // thread.
  type Located = {
    index: number;
    article: (typeof articles)[number];
    body: unknown;
    span: Span | null;
    quote: QuotePlacementRequest | null;
    hasPosition: boolean;
  };
  const located: Located[] = [];
  for (const [index, raw] of items.entries()) {
    const parsed = annotation.safeParse(raw);
    if (!parsed.success) {
      reject(index, "not a Web Annotation with a target");
      continue;
    }
    const target = Array.isArray(parsed.data.target) ? parsed.data.target[0]! : parsed.data.target;
    const source = typeof target === "string" ? target.split("#")[0]! : target.source;
    const article = chosen ?? bySource.get(source);
    if (!article) {
      reject(index, `no article of this project has the source ${source}`);
      continue;
    }
    const selectors =
      typeof target === "string" || !target.selector
        ? []
        : Array.isArray(target.selector)
          ? target.selector
          : [target.selector];
    const quote = selectors.find((candidate) => candidate.type === "TextQuoteSelector") as
      | { exact?: unknown; prefix?: unknown; suffix?: unknown }
      | undefined;
    const position = selectors.find((candidate) => candidate.type === "TextPositionSelector") as
      | { start?: unknown; end?: unknown }
      | undefined;
    const exact = typeof quote?.exact === "string" && quote.exact !== "" ? quote.exact : null;

    let converter = converters.get(article.id);
    if (!converter) {
      converter = codePointConverter(article.text);
      converters.set(article.id, converter);
    }
    let span: Span | null = null;
    if (typeof position?.start === "number" && typeof position.end === "number") {
      const start = converter.toUtf16(position.start);
      const end = converter.toUtf16(position.end);
      if (start !== null && end !== null && start < end && (exact === null || article.text.slice(start, end) === exact))
        span = { start, end };
    }
    const search =
      span || !exact
        ? null
        : {
            exact,
            prefix: typeof quote?.prefix === "string" ? quote.prefix : "",
            suffix: typeof quote?.suffix === "string" ? quote.suffix : "",
            position: typeof position?.start === "number" ? (converter.toUtf16(position.start) ?? 0) : 0,
          };
    located.push({ index, article, body: parsed.data.body, span, quote: search, hasPosition: position !== undefined });
  }
  const found = await searchQuotes(located);

  for (const item of located) {
    const { index, article } = item;
    let span = item.span;
    let status: "imported" | "reanchored" = "imported";
    if (!span && item.quote) {
      const match = found.get(index);
      if (match) {
        span = { start: match.start, end: match.end };
        status = item.hasPosition ? "reanchored" : "imported";
      }
    }
    if (!span) {
      reject(
        index,
        item.quote ? "its quote is not in the article's text" : "it has neither a matching position nor a quote",
      );
      continue;
    }
    const spanExact = article.text.slice(span.start, span.end);
    if (
      splitsSurrogatePair(article.text, span.start) ||
      splitsSurrogatePair(article.text, span.end) ||
      describeSpanMismatch(article.text, { ...span, exact: spanExact })
    ) {
      reject(index, "its span splits a character");
      continue;
    }
    const bodies = readBodies(item.body);
    const known = bodies.tags.map(tagId).filter((id): id is string => id !== undefined);
    const unknownTags = bodies.tags.filter((name) => tagId(name) === undefined);
    const note = annotationFields.note.safeParse(bodies.notes.length ? bodies.notes.join("\n\n") : null);
    if (!note.success) {
      reject(index, `its note: ${note.error.issues[0]!.message}`);
      continue;
    }
    const id = uuidv7();
    rows.push({
      id,
      articleId: article.id,
      ...span,
      exact: spanExact,
      ...quoteContext(article.text, span.start, span.end),
      note: note.data ?? null,
      revision: article.revision,
      tagIds: [...new Set(known)],
    });
    report[status]++;
    report.items.push({ index, status, id, ...(unknownTags.length ? { unknownTags } : {}) });
  }
  report.items.sort((a, b) => a.index - b.index);
  if (report.imported + report.reanchored === 0 && report.rejected > 0) {
    throw unprocessable(`Nothing could be imported: ${report.items[0]!.reason}.`, { items: report.items });
  }
  await insertAnnotations(tx, { projectId, authorId: actor.userId }, rows);
  await recordAudit(tx, actor, {
    projectId,
    action: "annotation.import",
    entityType: "Project",
    entityId: projectId,
    after: { imported: report.imported, reanchored: report.reanchored, rejected: report.rejected },
  });
  return report;
}
