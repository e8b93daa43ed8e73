import "server-only";
import type { Actor } from "@/lib/actor";
import { importArticles } from "@/lib/articles";
import { db } from "@/lib/db";
import { AppError, badRequest, unprocessable } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { requireProjectPermission } from "@/lib/permissions";
import { importProjectFile, type ProjectImportReport } from "./project-json";
import { withImportSlot } from "./slots";
import { importWebAnnotations, isWebAnnotationFile, type WebAnnotationImportReport } from "./web-annotation";

export type ImportReport = ProjectImportReport | WebAnnotationImportReport | { kind: "articles"; imported: { articles: number }; items: { id: string; title: string }[] };

/**
 * The longest an import's transaction may hold its connection. The largest
 * body (5 MB, some 20,000 annotations) is written in seconds (npm run bench);
 * past this the server is overloaded, and the import is undone and answered
 * 503 rather than left to hold its connection.
 */
const IMPORT_TIMEOUT_MS = 60_000;

/** Runs an import in one transaction, in one of the instance's import slots (lib/imports/slots). */
function importTransaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return withImportSlot(async () => {
    try {
      return await db().$transaction(work, { timeout: IMPORT_TIMEOUT_MS });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2028") {
        // The transaction did not start (no connection within Prisma's maxWait) or did not finish within IMPORT_TIMEOUT_MS.
        throw new AppError("service_unavailable", `The server could not do the import in time (${IMPORT_TIMEOUT_MS / 1000} s at most) and undid it; send it again later, or in smaller files.`, {
          limit: "import duration",
          retryAfterSeconds: 30,
        });
      }
      throw error;
    }
  });
}

/**
 * `POST /projects/:id/import`: our project JSON, W3C Web Annotations onto
 * existing articles, or `{ articles: [...] }` in bulk, told apart by shape.
 * One transaction each: a bad file imports nothing.
 */
export async function importIntoProject(actor: Actor, projectId: string, input: unknown): Promise<ImportReport> {
  if ((input as { format?: unknown } | null)?.format === "parallax.project") {
    await requireProjectPermission(actor, projectId, "codebook.update");
    return importTransaction((tx) => importProjectFile(tx, actor, projectId, input));
  }
  if (isWebAnnotationFile(input)) {
    await requireProjectPermission(actor, projectId, "annotation.create");
    return importTransaction((tx) => importWebAnnotations(tx, actor, projectId, input));
  }
  const articles = (input as { articles?: unknown } | null)?.articles;
  if (Array.isArray(articles)) {
    const extra = Object.keys(input as object).filter((key) => key !== "articles");
    if (extra.length > 0) throw unprocessable(`Unknown field(s) next to "articles": ${extra.join(", ")}.`, { issues: extra.map((key) => ({ path: key, message: "unknown field" })) });
    const imported = await importArticles(actor, projectId, articles);
    return { kind: "articles", imported: { articles: imported.length }, items: imported.map(({ id, title }) => ({ id, title })) };
  }
  await requireProjectPermission(actor, projectId, "project.read");
  throw badRequest(
    'Not an import Parallax knows: send a project export ({ "format": "parallax.project", … }), W3C Web Annotations (an AnnotationCollection, AnnotationPage, Annotation or an array of them), or { "articles": [...] }.',
  );
}
