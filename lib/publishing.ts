import { z } from "zod";
import { storableString, webUrl } from "@/lib/validation";

/** What `{id}` in a project's review URL template stands for: the annotation's id. */
export const REVIEW_ID_PLACEHOLDER = "{id}";

const MAX_URL_LENGTH = 2048;

/** An http(s) URL PostgreSQL can store as written (the URL parser would quietly encode a lone surrogate or NUL). */
const storableWebUrl = storableString.pipe(webUrl);

/** As storableWebUrl, optional: null or "" clear it. */
const optionalStorableWebUrl = z
  .union([storableWebUrl, z.literal(""), z.null()])
  .optional()
  .transform((value) => (value === "" ? null : value));

/** The organisation that publishes a project's fact-checks: ClaimReview's author. */
export interface Publisher {
  name: string;
  url: string;
  logoUrl: string | null;
}

/** A project's publishing settings, as its view carries them. */
export interface ProjectPublishing {
  publisher: Publisher | null;
  reviewUrlTemplate: string | null;
}

/** The review URL of an annotation from a template: `{id}` replaced by its id, wherever it stands. */
export function fillReviewUrl(template: string, annotationId: string): string {
  return template.replaceAll(REVIEW_ID_PLACEHOLDER, annotationId);
}

/** The public address of a claim's review: its own, else the project's template filled in; null when neither is set. */
export function reviewUrlOf(
  annotation: { id: string; reviewUrl: string | null },
  reviewUrlTemplate: string | null,
): string | null {
  return annotation.reviewUrl ?? (reviewUrlTemplate ? fillReviewUrl(reviewUrlTemplate, annotation.id) : null);
}

/** `publisher` in a project update: name and site required, a logo optional; null clears it. */
export const publisherInput = z
  .strictObject({
    name: storableString.transform((value) => value.trim()).pipe(z.string().min(1, "must not be empty").max(200)),
    url: storableWebUrl,
    logoUrl: optionalStorableWebUrl,
  })
  .transform(({ name, url, logoUrl }): Publisher => ({ name, url, logoUrl: logoUrl ?? null }))
  .nullable()
  .optional();

/**
 * `reviewUrlTemplate` in a project update: an http(s) URL once `{id}` is filled in, which it must contain (every claim
 * needs its own address); null or "" clears it.
 */
export const reviewUrlTemplateInput = z
  .union([
    storableString
      .transform((value) => value.trim())
      .pipe(z.string().max(MAX_URL_LENGTH))
      .refine((value) => value === "" || value.includes(REVIEW_ID_PLACEHOLDER), `must contain ${REVIEW_ID_PLACEHOLDER}`)
      .refine(
        (value) =>
          value === "" || webUrl.safeParse(fillReviewUrl(value, "00000000-0000-0000-0000-000000000000")).success,
        `must be an http or https URL once ${REVIEW_ID_PLACEHOLDER} is filled in`,
      ),
    z.null(),
  ])
  .optional()
  .transform((value) => (value === "" ? null : value));

/** An annotation's own `reviewUrl`: an http(s) URL; null or "" clears it (the template applies again). */
export const reviewUrlInput = optionalStorableWebUrl;
