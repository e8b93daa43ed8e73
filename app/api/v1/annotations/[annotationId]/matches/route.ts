import { findMatches } from "@/lib/matching";
import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";

// GET /api/v1/annotations/:annotationId/matches?limit= – claims and passages of other articles that likely report the
//   same, best first
export const GET = apiRoute<"annotationId">(async (actor, { params, query }) =>
  json({ items: await findMatches(actor, params.annotationId, query) }),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
