import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { submitAssignment } from "@/lib/assignments";

// POST /api/v1/articles/:articleId/assignment/submit – "I'm done with this article": the caller's drafts on it are
// submitted and their assignment marked submitted → { assignment, draftsSubmitted }; 409 when not assigned to them
export const POST = apiRoute<"articleId">(async (actor, { params }) =>
  json(await submitAssignment(actor, params.articleId)),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
