import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { leaveProject } from "@/lib/members";

// DELETE /api/v1/projects/:projectId/members/me – the caller leaves the project; their annotations stay (not the last
// editor: 409)
export const DELETE = apiRoute<"projectId">(async (actor, { params }) => {
  await leaveProject(actor, params.projectId);
  return new Response(null, { status: 204 });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("DELETE");
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
