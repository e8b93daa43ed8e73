import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { restoreComment } from "@/lib/restore/comments";

// POST /api/v1/comments/:commentId/restore – brings a deleted comment back (its author or an editor)
export const POST = apiRoute<"commentId">(async (actor, { params }) =>
  json(await restoreComment(actor, params.commentId)),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
