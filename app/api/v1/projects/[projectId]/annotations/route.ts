import { jsonText } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { listProjectAnnotationsJson } from "@/lib/review/queue";

// GET /api/v1/projects/:projectId/annotations – oldest first; ?status=&article=&author=&tag=&group=&olderThan=&q=
// &limit=&cursor= (the review queue: status=SUBMITTED)
export const GET = apiRoute<"projectId">(async (actor, { params, query }) =>
  jsonText(await listProjectAnnotationsJson(actor, params.projectId, query)),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
