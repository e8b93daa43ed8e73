import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { listTags } from "@/lib/codebook";

// GET /api/v1/projects/:projectId/tags – the codebook, in its editors' order
export const GET = apiRoute<"projectId">(async (actor, { params, query }) =>
  json(await listTags(actor, params.projectId, query)),
);
