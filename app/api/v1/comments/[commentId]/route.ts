import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { deleteComment, updateComment } from "@/lib/comments";

// PATCH /api/v1/comments/:commentId – { text } (its author)
export const PATCH = apiRoute<"commentId">(async (actor, { params, body }) =>
  json(await updateComment(actor, params.commentId, await body())),
);

// DELETE /api/v1/comments/:commentId – soft delete (its author or an editor)
export const DELETE = apiRoute<"commentId">(async (actor, { params }) => {
  await deleteComment(actor, params.commentId);
  return new Response(null, { status: 204 });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("PATCH", "DELETE");
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT };
