import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { listProjectAssignments } from "@/lib/assignments";

// GET /api/v1/projects/:projectId/assignments – one item per article and coder with the coder's state; ?state=
// &article=&assignee=&limit=&cursor=; a reviewer coding blind gets only their own
export const GET = apiRoute<"projectId">(async (actor, { params, query }) =>
  json(await listProjectAssignments(actor, params.projectId, query)),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
