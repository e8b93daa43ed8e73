import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { listSuggestions } from "@/lib/suggestions";

// GET /api/v1/articles/:articleId/suggestions – phrases the project tagged elsewhere that occur here, and likely claims
export const GET = apiRoute<"articleId">(async (actor, { params }) =>
  json(await listSuggestions(actor, params.articleId)),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
