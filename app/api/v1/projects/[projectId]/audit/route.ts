import { json } from "@/lib/api/respond";
import { apiRoute } from "@/lib/api/route";
import { listHistory } from "@/lib/history";

// GET /api/v1/projects/:projectId/audit – newest first; ?entity=<id>&action=<name or prefix.>&actor=<userId>&limit=&cursor= (editors, admins)
export const GET = apiRoute<"projectId">(async (actor, { params, query }) => json(await listHistory(actor, params.projectId, query)));
