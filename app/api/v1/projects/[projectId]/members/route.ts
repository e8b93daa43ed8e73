import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { listMembers } from "@/lib/members";

// GET /api/v1/projects/:projectId/members – { items: [{ userId, email, name, role }], nextCursor }, editors first
export const GET = apiRoute<"projectId">(async (actor, { params, query }) =>
  json(await listMembers(actor, params.projectId, query)),
);

// POST /api/v1/projects/:projectId/members – { email, role }: invites, exactly as POST …/invitations (kept for scripts
// written before invitations) (editors)
export { POST } from "../invitations/route";

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET", "POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
