import "server-only";
import type { Actor } from "@/lib/actor";
import { importArticles } from "@/lib/articles";
import { badRequest, unprocessable } from "@/lib/errors";
import { requireProjectPermission } from "@/lib/permissions";
import { importProjectFile, type ProjectImportReport } from "./project-json";
import { importTransaction } from "./slots";
import { importWebAnnotations, isWebAnnotationFile, type WebAnnotationImportReport } from "./web-annotation";

export type ImportReport =
  | ProjectImportReport
  | WebAnnotationImportReport
  | { kind: "articles"; imported: { articles: number }; items: { id: string; title: string }[] };

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
    if (extra.length > 0)
      throw unprocessable(`Unknown field(s) next to "articles": ${extra.join(", ")}.`, {
        issues: extra.map((key) => ({ path: key, message: "unknown field" })),
      });
    const imported = await importArticles(actor, projectId, articles);
    return {
      kind: "articles",
      imported: { articles: imported.length },
      items: imported.map(({ id, title }) => ({ id, title })),
    };
  }
  await requireProjectPermission(actor, projectId, "project.read");
  throw badRequest(
    'Not an import Parallax knows: send a project export ({ "format": "parallax.project", … }), W3C Web Annotations ' +
      "(an " +
      'AnnotationCollection, AnnotationPage, Annotation or an array of them), or { "articles": [...] }.',
  );
}
