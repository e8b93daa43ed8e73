import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { compareArticles } from "@/lib/compare";

// GET /api/v1/projects/:projectId/compare?articles=<id>,<id>[,…] (or ?a=&b=; default: the first two articles)
export const GET = apiRoute<"projectId">(async (actor, { params, query }) =>
  json(await compareArticles(actor, params.projectId, query)),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
