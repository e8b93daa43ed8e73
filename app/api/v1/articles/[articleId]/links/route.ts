import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { listArticleLinksPage } from "@/lib/events";

// GET /api/v1/articles/:articleId/links – the events its claims are linked to (with stance and attribution);
// ?limit=&cursor=
export const GET = apiRoute<"articleId">(async (actor, { params, query }) =>
  json(await listArticleLinksPage(actor, params.articleId, query)),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
