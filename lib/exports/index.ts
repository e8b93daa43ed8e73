import "server-only";
import type { Actor } from "@/lib/actor";
import { claimReviewExport, type UnpublishableClaim, unpublishableClaims } from "./claim-review";
import { csvExport } from "./csv";
import { markdownExport } from "./markdown";
import { pdfExport } from "./pdf";
import { projectJsonExport } from "./project-json";
import { type ExportFormat, openExport } from "./source";
import { webAnnotationExport } from "./web-annotation";

export { EXPORT_FORMATS, type ExportFormat } from "./source";
export type { UnpublishableClaim } from "./claim-review";

/** The header of a ClaimReview export that counts the claims it left out (unpublishableClaims lists them). */
export const UNPUBLISHABLE_HEADER = "x-parallax-unpublishable";

export interface ExportFile {
  contentType: string;
  filename: string;
  /** The file in pieces, produced as they are sent. */
  chunks: AsyncGenerator<string | Uint8Array>;
  /** Headers that describe it besides its type and name. */
  headers: Record<string, string>;
}

const FORMATS: Record<ExportFormat, { contentType: string; suffix: string }> = {
  csv: { contentType: "text/csv; charset=utf-8; header=present", suffix: "annotations.csv" },
  json: { contentType: "application/json; charset=utf-8", suffix: "project.json" },
  jsonld: {
    contentType: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8',
    suffix: "annotations.jsonld",
  },
  md: { contentType: "text/markdown; charset=utf-8", suffix: "report.md" },
  pdf: { contentType: "application/pdf", suffix: "report.pdf" },
  claimreview: { contentType: "application/ld+json; charset=utf-8", suffix: "claimreview.jsonld" },
};

/** A file name from the project's name: ASCII letters and digits, dashes between. */
function slug(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/[^\x20-\x7e]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return ascii.slice(0, 60) || "project";
}

/**
 * A project export in one of the formats, with the query's filters. Checks
 * permission and input first (so errors are proper 4xx answers), then
 * produces the file lazily.
 */
export async function exportProject(actor: Actor, projectId: string, query: unknown): Promise<ExportFile> {
  const context = await openExport(actor, projectId, query);
  const { format } = context.request;
  const headers: Record<string, string> = {};
  if (format === "claimreview") headers[UNPUBLISHABLE_HEADER] = String((await unpublishableClaims(context)).length);
  const chunks: AsyncGenerator<string | Uint8Array> = {
    csv: () => csvExport(context),
    json: () => projectJsonExport(context),
    jsonld: () => webAnnotationExport(context),
    md: () => markdownExport(context),
    pdf: () => pdfExport(context),
    claimreview: () => claimReviewExport(context),
  }[format]();
  const { contentType, suffix } = FORMATS[format];
  return {
    contentType,
    filename: `${slug(context.project.name)}-${new Date().toISOString().slice(0, 10)}-${suffix}`,
    chunks,
    headers,
  };
}

/** How many claims a ClaimReview export with these filters leaves out at most, in one answer. */
const MAX_LISTED_UNPUBLISHABLE = 1000;

/**
 * The claims a ClaimReview export with the same filters leaves out, and why:
 * the first MAX_LISTED_UNPUBLISHABLE in text order, and how many there are.
 */
export async function listUnpublishableClaims(
  actor: Actor,
  projectId: string,
  query: Record<string, unknown>,
): Promise<{ total: number; items: UnpublishableClaim[] }> {
  const context = await openExport(actor, projectId, { ...query, format: "claimreview" });
  const claims = await unpublishableClaims(context);
  return { total: claims.length, items: claims.slice(0, MAX_LISTED_UNPUBLISHABLE) };
}
