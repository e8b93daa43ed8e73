import { streamedResponse } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { exportProject } from "@/lib/exports";

// GET /api/v1/projects/:projectId/export?format=csv|json|jsonld|md|pdf|claimreview
//   &articles=&tags=&status=&author=&from=&to=&bom=
//   ClaimReview: X-Parallax-Unpublishable counts the claims left out (listed by ./unpublishable)
export const GET = apiRoute<"projectId">(async (actor, { params, query }) => {
  const file = await exportProject(actor, params.projectId, query);
  return await streamedResponse(file.chunks, {
    ...file.headers,
    "content-type": file.contentType,
    "content-disposition": `attachment; filename="${file.filename}"`,
  });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
