import "server-only";
import { db } from "@/lib/db";
import { reviewUrlOf } from "@/lib/publishing";
import { annotationBatches, type ExportAnnotation, type ExportContext, type ExportTag, tagsOf } from "./source";
import { claimVerdict } from "./verdict";

/**
 * Verdict tags on the ClaimReview rating scale: 1 = false … 5 = accurate.
 * A verdict tag not listed here (a project's own) rates 3.
 */
export const VERDICT_RATINGS: Record<string, number> = {
  false: 1,
  misleading: 2,
  unsupported: 2,
  unverified: 3,
  accurate: 5,
};
const BEST_RATING = 5;
const WORST_RATING = 1;

/** Why a claim cannot be published as a ClaimReview yet, with the words the export dialog shows. */
export const UNPUBLISHABLE_REASONS = {
  "no-verdict": "it has no verdict",
  // Of two verdicts, publishing either would hide the conflict.
  "several-verdicts": "its verdicts conflict",
  "not-approved": "no editor has approved it",
  "no-review-url": "it has no review URL (set its own, or a template in the project's settings)",
  "no-publisher": "the project names no publishing organisation (Settings → Publishing)",
} as const;
export type UnpublishableReason = keyof typeof UNPUBLISHABLE_REASONS;

/** What decides whether a claim can be published. */
type Candidate = Pick<ExportAnnotation, "id" | "status" | "reviewUrl" | "tags">;

/** Why the claim cannot be published yet: none when it can. */
export function unpublishableReasons(claim: Candidate, context: ExportContext): UnpublishableReason[] {
  const verdict = claimVerdict(claim.tags);
  const { publisher, reviewUrlTemplate } = context.publishing;
  const reasons: UnpublishableReason[] = [];
  if (!verdict) reasons.push("no-verdict");
  else if ("conflict" in verdict) reasons.push("several-verdicts");
  if (claim.status !== "APPROVED") reasons.push("not-approved");
  if (!reviewUrlOf(claim, reviewUrlTemplate)) reasons.push("no-review-url");
  if (!publisher) reasons.push("no-publisher");
  return reasons;
}

/** A claim the export leaves out, and why. */
export interface UnpublishableClaim {
  annotationId: string;
  articleId: string;
  articleTitle: string;
  exact: string;
  status: ExportAnnotation["status"];
  reasons: { code: UnpublishableReason; message: string }[];
}

/** The longest quote a listing of left-out claims shows: enough to recognise one. */
const LISTED_QUOTE_LENGTH = 300;

/**
 * The claims the export's filters select that cannot be published yet, in
 * text order: read with only what decides it (a small row each), so that the
 * count can go in the export's headers before its first byte.
 */
export async function unpublishableClaims(context: ExportContext): Promise<UnpublishableClaim[]> {
  const articleIds = context.articles.map((article) => article.id);
  const rows = await db().$queryRaw<
    (Omit<Candidate, "tags"> & { articleId: string; exact: string; tagIds: string[] })[]
  >`
    SELECT a.id, a.article_id AS "articleId", left(a.exact, ${LISTED_QUOTE_LENGTH}) AS exact,
           a.status::text AS status, a.review_url AS "reviewUrl",
           ARRAY(SELECT at.tag_id FROM annotation_tags at WHERE at.annotation_id = a.id) AS "tagIds"
    FROM annotations a
    WHERE a.article_id = ANY(${articleIds}::uuid[]) AND ${context.filter}
    ORDER BY a.article_id, a.start, a.id`;
  return rows.flatMap(({ tagIds, ...row }) => {
    const reasons = unpublishableReasons({ ...row, tags: tagsOf(tagIds, context) }, context);
    if (reasons.length === 0) return [];
    return [
      {
        annotationId: row.id,
        articleId: row.articleId,
        articleTitle: context.articleById.get(row.articleId)!.title,
        exact: row.exact,
        status: row.status,
        reasons: reasons.map((code) => ({ code, message: UNPUBLISHABLE_REASONS[code] })),
      },
    ];
  });
}

/** A schema.org Organization or Person with only the fields known. */
function named(type: "Organization" | "Person", name: string, url?: string | null) {
  return { "@type": type, name, ...(url ? { url } : {}) };
}

/**
 * Who made the claim: the person a link of it names as its source, else the
 * outlet that printed it (also when the link names the outlet itself);
 * nothing when neither is known.
 */
function claimAuthor(annotation: ExportAnnotation, article: ExportContext["articles"][number]) {
  const attributed = annotation.links.find((link) => link.attributedTo)?.attributedTo;
  const outlet = article.source ? named("Organization", article.source, article.sourceHomepage) : null;
  if (attributed && attributed.toLowerCase() !== article.source?.toLowerCase())
    return { author: named("Person", attributed) };
  return outlet ? { author: outlet } : {};
}

function claimReview(annotation: ExportAnnotation, verdict: ExportTag, context: ExportContext) {
  const article = context.articleById.get(annotation.articleId)!;
  const publisher = context.publishing.publisher!;
  const articleDate = article.publishedAt ? { datePublished: article.publishedAt } : {};
  return {
    "@type": "ClaimReview",
    url: reviewUrlOf(annotation, context.publishing.reviewUrlTemplate)!,
    claimReviewed: annotation.exact,
    // Approved claims only: reviewedAt is the approval (none for claims approved before it was recorded).
    ...(annotation.reviewedAt ? { datePublished: annotation.reviewedAt.slice(0, 10) } : {}),
    author: {
      ...named("Organization", publisher.name, publisher.url),
      ...(publisher.logoUrl ? { logo: { "@type": "ImageObject", url: publisher.logoUrl } } : {}),
    },
    reviewRating: {
      "@type": "Rating",
      ratingValue: VERDICT_RATINGS[verdict.name] ?? 3,
      bestRating: BEST_RATING,
      worstRating: WORST_RATING,
      alternateName: verdict.name,
    },
    itemReviewed: {
      "@type": "Claim",
      ...claimAuthor(annotation, article),
      ...articleDate,
      appearance: {
        "@type": "CreativeWork",
        ...(article.url ? { url: article.url } : {}),
        headline: article.title,
        ...articleDate,
        ...(article.author ? { author: named("Person", article.author) } : {}),
        ...(article.source ? { publisher: named("Organization", article.source, article.sourceHomepage) } : {}),
      },
    },
  };
}

/**
 * schema.org ClaimReview JSON-LD, as search engines read fact-checks: a
 * `@graph` of reviews, one for each claim that can be published
 * (unpublishableReasons: none); the others are left out.
 */
export async function* claimReviewExport(context: ExportContext): AsyncGenerator<string> {
  yield '{"@context":"https://schema.org","@graph":[';
  let first = true;
  for await (const batch of annotationBatches(context)) {
    for (const annotation of batch) {
      if (unpublishableReasons(annotation, context).length > 0) continue;
      const verdict = claimVerdict(annotation.tags) as { verdict: ExportTag };
      yield (first ? "" : ",") + JSON.stringify(claimReview(annotation, verdict.verdict, context));
      first = false;
    }
  }
  yield "]}";
}
