import { etagOf } from "@/lib/preconditions";
import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { restoreAnnotation } from "@/lib/restore/annotations";

// POST /api/v1/annotations/:annotationId/restore – brings a deleted annotation back (its author or an editor)
export const POST = apiRoute<"annotationId">(async (actor, { params }) => {
  const annotation = await restoreAnnotation(actor, params.annotationId);
  return json(annotation, { headers: { etag: etagOf(annotation.version) } });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
