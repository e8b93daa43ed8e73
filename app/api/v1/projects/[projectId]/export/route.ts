import { streamedResponse } from "@/lib/api/respond";
import { apiRoute } from "@/lib/api/route";
import { exportProject } from "@/lib/exports";

// GET /api/v1/projects/:projectId/export?format=csv|json|jsonld|md|claimreview&articles=&tags=&status=&author=&from=&to=&bom=&organization=
export const GET = apiRoute<"projectId">(async (actor, { params, query, request }) => {
  const file = await exportProject(actor, params.projectId, query, new URL(request.url).origin);
  return streamedResponse(file.chunks, { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.filename}"` });
});
