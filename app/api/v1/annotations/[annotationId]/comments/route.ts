import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { createComment, listComments } from "@/lib/comments";

// GET /api/v1/annotations/:annotationId/comments – the thread, oldest first
export const GET = apiRoute<"annotationId">(async (actor, { params, query }) =>
  json(await listComments(actor, params.annotationId, query)),
);

// POST /api/v1/annotations/:annotationId/comments – { text } (reviewers, editors)
export const POST = apiRoute<"annotationId">(async (actor, { params, body }) => {
  const comment = await createComment(actor, params.annotationId, await body());
  return json(comment, { status: 201, headers: { location: `/api/v1/comments/${comment.id}` } });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET", "POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
