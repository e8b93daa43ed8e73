import { eventStreamResponse } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { followArticle } from "@/lib/live";

// GET /api/v1/articles/:articleId/live – text/event-stream of { type, id, annotationId } as annotations, comments and
// links change, { type: "resync" } after missed ones
export const GET = apiRoute<"articleId">(async (actor, { params, request }) => {
  // Access and the per-user limit are checked before the stream opens, so a refusal is a JSON 4xx.
  return eventStreamResponse(await followArticle(actor, params.articleId), request.signal);
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
