import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { inviteMember, listInvitations } from "@/lib/invitations";

// GET /api/v1/projects/:projectId/invitations – the pending invitations { items, nextCursor }, oldest first (editors)
export const GET = apiRoute<"projectId">(async (actor, { params, query }) =>
  json(await listInvitations(actor, params.projectId, query)),
);

// POST /api/v1/projects/:projectId/invitations – { email, role }: the same 201 whether or not the address has an
// account (editors)
export const POST = apiRoute<"projectId">(async (actor, { params, body }) =>
  json(await inviteMember(actor, params.projectId, await body()), { status: 201 }),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET", "POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
