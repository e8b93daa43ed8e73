import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { listHistory } from "@/lib/history";

// GET /api/v1/projects/:projectId/audit – newest first; ?entity=<id>&action=<name or
// prefix.>&actor=<userId>&limit=&cursor= (editors, admins)
export const GET = apiRoute<"projectId">(async (actor, { params, query }) =>
  json(await listHistory(actor, params.projectId, query)),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
