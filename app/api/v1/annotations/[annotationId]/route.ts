import { deleteAnnotation, getAnnotation, updateAnnotation } from "@/lib/annotations";
import { etagOf } from "@/lib/preconditions";
import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";

// GET /api/v1/annotations/:annotationId – with ETag: "<version>"
export const GET = apiRoute<"annotationId">(async (actor, { params }) => {
  const annotation = await getAnnotation(actor, params.annotationId);
  return json(annotation, { headers: { etag: etagOf(annotation.version) } });
});

// PATCH /api/v1/annotations/:annotationId – If-Match: "<version>"; { tags?, note?, start?, end?, exact?, status?,
//   reviewNote?, reviewUrl? (editors) }
export const PATCH = apiRoute<"annotationId">(async (actor, { params, body, expectedVersion }) => {
  const annotation = await updateAnnotation(actor, params.annotationId, expectedVersion(), await body());
  return json(annotation, { headers: { etag: etagOf(annotation.version) } });
});

// DELETE /api/v1/annotations/:annotationId – If-Match: "<version>"; soft delete
export const DELETE = apiRoute<"annotationId">(async (actor, { params, expectedVersion }) => {
  await deleteAnnotation(actor, params.annotationId, expectedVersion());
  return new Response(null, { status: 204 });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET", "PATCH", "DELETE");
export { notAllowed as POST, notAllowed as PUT };
