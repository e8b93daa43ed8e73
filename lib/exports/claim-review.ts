import "server-only";
import { annotationBatches, type ExportContext } from "./source";
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

/**
 * schema.org ClaimReview JSON-LD for every annotation with one verdict tag, as
 * search engines read fact-checks: a `@graph` of reviews.
 */
export async function* claimReviewExport(context: ExportContext, origin: string): AsyncGenerator<string> {
  const organization = context.request.organization ?? context.project.name;
  yield '{"@context":"https://schema.org","@graph":[';
  let first = true;
  for await (const batch of annotationBatches(context)) {
    for (const annotation of batch) {
      // Only a claim with exactly one verdict: of two, publishing either would hide the conflict.
      const claim = claimVerdict(annotation.tags);
      if (!claim || !("verdict" in claim)) continue;
      const { verdict } = claim;
      const article = context.articleById.get(annotation.articleId)!;
      const review = {
        "@type": "ClaimReview",
        url: `${origin}/articles/${article.id}#annotation-${annotation.id}`,
        claimReviewed: annotation.exact,
        datePublished: annotation.updatedAt.slice(0, 10),
        author: { "@type": "Organization", name: organization },
        reviewRating: {
          "@type": "Rating",
          ratingValue: VERDICT_RATINGS[verdict.name] ?? 3,
          bestRating: 5,
          worstRating: 1,
          alternateName: verdict.name,
        },
        itemReviewed: {
          "@type": "Claim",
          ...(article.source ? { author: { "@type": "Organization", name: article.source } } : {}),
          appearance: {
            "@type": "CreativeWork",
            headline: article.title,
            ...(article.url ? { url: article.url } : {}),
            ...(article.author ? { author: { "@type": "Person", name: article.author } } : {}),
            ...(article.publishedAt ? { datePublished: article.publishedAt } : {}),
            ...(article.source
              ? {
                  publisher: {
                    "@type": "Organization",
                    name: article.source,
                    ...(article.sourceHomepage ? { url: article.sourceHomepage } : {}),
                  },
                }
              : {}),
          },
        },
      };
      yield (first ? "" : ",") + JSON.stringify(review);
      first = false;
    }
  }
  yield "]}";
}
