import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { changeMemberRole, removeMember } from "@/lib/members";

// PATCH /api/v1/projects/:projectId/members/:userId – { role } (editors; the last editor stays one)
export const PATCH = apiRoute<"projectId" | "userId">(async (actor, { params, body }) =>
  json(await changeMemberRole(actor, params.projectId, params.userId, await body())),
);

// DELETE /api/v1/projects/:projectId/members/:userId – their annotations stay (editors; not the last editor)
export const DELETE = apiRoute<"projectId" | "userId">(async (actor, { params }) => {
  await removeMember(actor, params.projectId, params.userId);
  return new Response(null, { status: 204 });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("PATCH", "DELETE");
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT };
