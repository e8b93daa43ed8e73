import "server-only";
import { runInWorker } from "@/lib/workers/pool";
import type { PdfArticle, ReportData } from "./pdf-render";
import { reportScope, summarize } from "./report";
import type { ExportContext } from "./source";
import { reportedTagNames } from "./verdict";

/**
 * What the PDF report prints, read in one pass over the selected annotations
 * (in batches): the claims with their tags, status, author and note, the
 * events, the framing profile. Nothing else of the annotations is kept.
 */
async function reportData(context: ExportContext): Promise<ReportData> {
  const articleIndex = new Map(context.articles.map((article, index) => [article.id, index]));
  const articles: PdfArticle[] = context.articles.map((article) => ({
    title: article.title,
    source: article.source ?? article.title,
    sourceNotes: article.sourceNotes,
    publishedAt: article.publishedAt,
    claims: [],
  }));
  const claimOf = new Map<string, { article: number; claim: number }>();
  const summary = await summarize(context, (annotation) => {
    const article = articleIndex.get(annotation.articleId)!;
    const { claims } = articles[article]!;
    claimOf.set(annotation.id, { article, claim: claims.length });
    claims.push({
      exact: annotation.exact,
      tags: reportedTagNames(annotation.tags),
      status: annotation.status.toLowerCase(),
      author: annotation.author.name,
      note: annotation.note,
    });
  });
  return {
    project: { name: context.project.name, description: context.project.description },
    exportedOn: new Date().toISOString().slice(0, 10),
    scope: reportScope(context, summary),
    articles,
    events: summary.events.map((event) => ({
      title: event.title,
      date: event.date,
      claims: event.claims.map((claim) => ({
        ...claimOf.get(claim.annotationId)!,
        stance: claim.stance,
        attributedTo: claim.attributedTo,
      })),
      contradictions: event.contradictions,
    })),
    profile: [...summary.profile].map(([key, counts]) => ({
      key,
      counts: context.articles.map((article) => counts.get(article.id) ?? 0),
    })),
  };
}

/**
 * The report as a designed PDF: title page with sources, events and
 * omissions, framing bars, every claim. The layout is CPU work on plain data:
 * it runs on a worker thread, within a time and memory limit (lib/workers).
 */
export async function* pdfExport(context: ExportContext): AsyncGenerator<Uint8Array> {
  yield await runInWorker("renderReportPdf", await reportData(context));
}
