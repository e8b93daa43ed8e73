import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/actor";
import { importArticles } from "@/lib/articles";
import { badRequest, unprocessable } from "@/lib/errors";
import { requireProjectPermission } from "@/lib/permissions";
import { parseInput } from "@/lib/validation";
import { importProjectFile, type ProjectImportReport } from "./project-json";
import { importTransaction } from "./slots";
import { importWebAnnotations, isWebAnnotationFile, type WebAnnotationImportReport } from "./web-annotation";

export type ImportReport =
  | ProjectImportReport
  | WebAnnotationImportReport
  | { kind: "articles"; imported: { articles: number }; items: { id: string; title: string }[] };

/**
 * `?article=<id>`: the article of the project to put W3C Web Annotations on, whatever their target source names
 * (annotations exported from another project, whose articles have other ids and maybe no URL).
 */
const importQuery = z.object({ article: z.uuid({ error: "article must be an article id" }).optional() });

/**
 * `POST /projects/:id/import`: our project JSON, W3C Web Annotations onto
 * existing articles (or the one `?article=` names), or `{ articles: [...] }`
 * in bulk, told apart by shape. One transaction each: a bad file imports nothing.
 */
export async function importIntoProject(
  actor: Actor,
  projectId: string,
  input: unknown,
  query: unknown = {},
): Promise<ImportReport> {
  const { article } = parseInput(importQuery, query);
  if (article && !isWebAnnotationFile(input)) {
    await requireProjectPermission(actor, projectId, "project.read");
    throw unprocessable("Only W3C Web Annotations are placed on a chosen article: leave out ?article= for this file.", {
      issues: [{ path: "article", message: "only for W3C Web Annotations" }],
    });
  }
  if ((input as { format?: unknown } | null)?.format === "parallax.project") {
    await requireProjectPermission(actor, projectId, "codebook.update");
    return importTransaction((tx) => importProjectFile(tx, actor, projectId, input));
  }
  if (isWebAnnotationFile(input)) {
    await requireProjectPermission(actor, projectId, "annotation.create");
    return importTransaction((tx) => importWebAnnotations(tx, actor, projectId, input, article ?? null));
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
