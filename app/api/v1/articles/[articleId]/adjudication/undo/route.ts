import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { undoAdjudication } from "@/lib/review/undo-decision";

// POST /api/v1/articles/:articleId/adjudication/undo – { versions: { <annotationId>: <version> } } → { items }
// (editors)
export const POST = apiRoute<"articleId">(async (actor, { params, body }) =>
  json({ items: await undoAdjudication(actor, params.articleId, await body()) }),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
