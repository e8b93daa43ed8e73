import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { rankTagsForPassage } from "@/lib/suggestions/tag-ranking";

// GET /api/v1/articles/:articleId/tag-ranking?start=&end= – the codebook's tags most likely for that passage, learned
// from the project's annotations
export const GET = apiRoute<"articleId">(async (actor, { params, query }) =>
  json(await rankTagsForPassage(actor, params.articleId, query)),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
