import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { searchProject } from "@/lib/search";

// GET /api/v1/projects/:projectId/search?q=…&tag=&source=&status=&author=&limit= – annotations, comments and articles,
// best first
export const GET = apiRoute<"projectId">(async (actor, { params, query }) =>
  json(await searchProject(actor, params.projectId, query)),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
