import { etagOf } from "@/lib/preconditions";
import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { undoReview } from "@/lib/review/undo-decision";

// POST /api/v1/annotations/:annotationId/undo-review – If-Match: "<version>" the approval or rejection left (editors)
export const POST = apiRoute<"annotationId">(async (actor, { params, expectedVersion }) => {
  const annotation = await undoReview(actor, params.annotationId, expectedVersion());
  return json(annotation, { headers: { etag: etagOf(annotation.version) } });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
