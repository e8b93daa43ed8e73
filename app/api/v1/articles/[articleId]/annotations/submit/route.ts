import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { submitOwnDrafts } from "@/lib/annotations";

// POST /api/v1/articles/:articleId/annotations/submit – all of the caller's drafts on the article → SUBMITTED; {
// submitted }
export const POST = apiRoute<"articleId">(async (actor, { params }) =>
  json(await submitOwnDrafts(actor, params.articleId)),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
