import { json } from "@/lib/api/respond";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { addMember, listMembers } from "@/lib/members";

// GET /api/v1/projects/:projectId/members – { items: [{ userId, email, name, role }], nextCursor }, editors first
export const GET = apiRoute<"projectId">(async (actor, { params, query }) => json(await listMembers(actor, params.projectId, query)));

// POST /api/v1/projects/:projectId/members – { email, role } (editors)
export const POST = apiRoute<"projectId">(async (actor, { params, body }) => json(await addMember(actor, params.projectId, await body()), { status: 201 }));

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET", "POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
