import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { listUnpublishableClaims } from "@/lib/exports";

// GET /api/v1/projects/:projectId/export/unpublishable?articles=&tags=&status=&author=&from=&to=
//   – the claims a ClaimReview export with these filters leaves out, each with its reasons: { total, items }
export const GET = apiRoute<"projectId">(async (actor, { params, query }) =>
  json(await listUnpublishableClaims(actor, params.projectId, query)),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
