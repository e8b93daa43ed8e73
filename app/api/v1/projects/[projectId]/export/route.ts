import { streamedResponse } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { exportProject } from "@/lib/exports";

// GET /api/v1/projects/:projectId/export?format=csv|json|jsonld|md|claimreview
//   &articles=&tags=&status=&author=&from=&to=&bom=&organization=
export const GET = apiRoute<"projectId">(async (actor, { params, query, request }) => {
  const file = await exportProject(actor, params.projectId, query, new URL(request.url).origin);
  return await streamedResponse(file.chunks, {
    "content-type": file.contentType,
    "content-disposition": `attachment; filename="${file.filename}"`,
  });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
