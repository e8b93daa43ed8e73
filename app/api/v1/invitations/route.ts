import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { listMyInvitations } from "@/lib/invitations";

// GET /api/v1/invitations – the caller's pending invitations { items: [{ id, project, role, invitedBy, createdAt }],
// nextCursor }
export const GET = apiRoute(async (actor, { query }) => json(await listMyInvitations(actor, query)));

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
