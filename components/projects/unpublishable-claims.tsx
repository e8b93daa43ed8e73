"use client";

import Link from "@/components/ui/link";
import { useEffect, useState } from "react";
import { callApi } from "@/components/client/api-client";
import type { UnpublishableClaim } from "@/lib/exports";

type Listing =
  | { state: "loading" }
  | { state: "loaded"; total: number; items: UnpublishableClaim[] }
  | { state: "failed"; message: string };

/**
 * The claims a ClaimReview export with these filters leaves out, each with why, read again whenever the filters
 * change: what to approve, tag or give a review URL before publishing.
 */
export function UnpublishableClaims({ projectId, filters }: { projectId: string; filters: string }) {
  const [listing, setListing] = useState<Listing>({ state: "loading" });

  useEffect(() => {
    let current = true;
    setListing({ state: "loading" });
    callApi<{ total: number; items: UnpublishableClaim[] }>(
      "GET",
      `/api/v1/projects/${projectId}/export/unpublishable?${filters}`,
    ).then(
      (loaded) => current && setListing({ state: "loaded", ...loaded }),
      (failure: unknown) =>
        current && setListing({ state: "failed", message: failure instanceof Error ? failure.message : "Not loaded." }),
    );
    return () => {
      current = false;
    };
  }, [projectId, filters]);

  if (listing.state === "loading")
    return <p className="text-xs text-stone-500">Checking which claims can be published…</p>;
  if (listing.state === "failed")
    return (
      <p role="alert" className="text-xs text-red-700">
        {listing.message}
      </p>
    );
  if (listing.total === 0) return <p className="text-xs text-stone-600">Every selected claim can be published.</p>;
  const listed = listing.items.length;
  return (
    <section aria-labelledby="unpublishable-title" className="text-sm">
      <h3 id="unpublishable-title" className="font-medium">
        Left out: {listing.total} {listing.total === 1 ? "claim" : "claims"} cannot be published yet
        {listed < listing.total ? ` (the first ${listed} listed)` : ""}
      </h3>
      <p className="text-xs text-stone-600">
        The organisation and the review URL template are set in the project&apos;s{" "}
        <Link href={`/projects/${projectId}/settings`} className="text-indigo-700 underline">
          settings
        </Link>
        .
      </p>
      <ul
        aria-label="Claims left out"
        className="mt-1 max-h-48 space-y-1 overflow-y-auto rounded-md border border-stone-200 p-2"
      >
        {listing.items.map((claim) => (
          <li key={claim.annotationId} className="text-xs">
            <Link
              href={`/articles/${claim.articleId}?annotation=${claim.annotationId}`}
              dir="auto"
              className="font-serif text-stone-900 underline [unicode-bidi:plaintext]"
            >
              “{claim.exact}”
            </Link>{" "}
            <span className="text-stone-600">— {claim.reasons.map((reason) => reason.message).join("; ")}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
