import { eventStreamResponse } from "@/lib/api/respond";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { followArticle } from "@/lib/live";

// GET /api/v1/articles/:articleId/live – text/event-stream of { type, id, annotationId } as annotations, comments and links change
export const GET = apiRoute<"articleId">(async (actor, { params }) => {
  // Permission is checked before the stream opens, so a refusal is a JSON 4xx.
  let pending: ((data: unknown) => void) | null = null;
  const unsubscribe = await followArticle(actor, params.articleId, (event) => pending?.(event));
  return eventStreamResponse(async (send) => {
    pending = send;
    return unsubscribe;
  });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
