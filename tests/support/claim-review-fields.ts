/**
 * Checks a ClaimReview item against the fields Google documents for fact-check markup, "Fact check (ClaimReview)
 * structured data", https://developers.google.com/search/docs/appearance/structured-data/factcheck:
 * required claimReviewed, reviewRating (with ratingValue or alternateName), url and author (with a name);
 * recommended datePublished, itemReviewed as a Claim with author, datePublished and appearance, and the rating's
 * bestRating, worstRating and alternateName. Returns what is missing or malformed: nothing when the item passes.
 */
export function claimReviewProblems(item: unknown): string[] {
  const problems: string[] = [];
  const review = asObject(item);
  if (!review) return ["not an object"];
  expectValue(problems, review["@type"] === "ClaimReview", "@type is not ClaimReview");

  // Required.
  expectValue(problems, isText(review.claimReviewed), "claimReviewed is missing");
  expectValue(problems, isWebUrl(review.url), "url is not an http(s) URL");
  const author = asObject(review.author);
  expectValue(problems, author && isOneOf(author["@type"], ["Organization", "Person"]), "author has no @type");
  expectValue(problems, author && isText(author.name), "author has no name");
  if (author?.url !== undefined) expectValue(problems, isWebUrl(author.url), "author.url is not an http(s) URL");
  const logo = asObject(author?.logo);
  if (author?.logo !== undefined) expectValue(problems, logo && isWebUrl(logo.url), "author.logo has no URL");
  const rating = asObject(review.reviewRating);
  expectValue(problems, rating?.["@type"] === "Rating", "reviewRating is not a Rating");
  expectValue(
    problems,
    rating && (typeof rating.ratingValue === "number" || isText(rating.alternateName)),
    "reviewRating has neither ratingValue nor alternateName",
  );

  // Recommended.
  expectValue(problems, isDate(review.datePublished), "datePublished is not an ISO 8601 date");
  expectValue(problems, rating && typeof rating.bestRating === "number", "reviewRating.bestRating is missing");
  expectValue(problems, rating && typeof rating.worstRating === "number", "reviewRating.worstRating is missing");
  expectValue(problems, rating && isText(rating.alternateName), "reviewRating.alternateName is missing");
  if (rating && [rating.ratingValue, rating.bestRating, rating.worstRating].every((n) => typeof n === "number")) {
    const [value, best, worst] = [rating.ratingValue, rating.bestRating, rating.worstRating] as number[];
    expectValue(problems, worst! <= value! && value! <= best!, "ratingValue is outside worstRating…bestRating");
  }
  const claim = asObject(review.itemReviewed);
  expectValue(problems, claim?.["@type"] === "Claim", "itemReviewed is not a Claim");
  const claimAuthor = asObject(claim?.author);
  expectValue(
    problems,
    claimAuthor && isOneOf(claimAuthor["@type"], ["Organization", "Person"]) && isText(claimAuthor.name),
    "itemReviewed.author is not a named Organization or Person",
  );
  expectValue(problems, isDate(claim?.datePublished), "itemReviewed.datePublished is not an ISO 8601 date");
  const appearance = asObject(claim?.appearance);
  expectValue(problems, appearance?.["@type"] === "CreativeWork", "itemReviewed.appearance is not a CreativeWork");
  expectValue(problems, appearance && isWebUrl(appearance.url), "itemReviewed.appearance.url is missing");
  expectValue(problems, appearance && isText(appearance.headline), "itemReviewed.appearance.headline is missing");
  expectValue(problems, isDate(appearance?.datePublished), "itemReviewed.appearance.datePublished is missing");
  return problems;
}

function expectValue(problems: string[], condition: unknown, problem: string) {
  if (!condition) problems.push(problem);
}

function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

const isText = (value: unknown) => typeof value === "string" && value.trim() !== "";
const isOneOf = (value: unknown, choices: string[]) => typeof value === "string" && choices.includes(value);
const isDate = (value: unknown) =>
  typeof value === "string" && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value);

function isWebUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
