import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { json } from "@/lib/next/respond";
import { listSources } from "@/lib/sources";

// GET /api/v1/projects/:projectId/sources – the project's outlets by name, with their notes and article counts
export const GET = apiRoute<"projectId">(async (actor, { params, query }) =>
  json(await listSources(actor, params.projectId, query)),
);

// Any other method: a JSON 405 with Allow (an outlet comes into being when an article names it).
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
