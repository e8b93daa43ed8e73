import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { declineInvitation } from "@/lib/invitations";

// POST /api/v1/invitations/:invitationId/decline – the person invited says no → 204
export const POST = apiRoute<"invitationId">(async (actor, { params }) => {
  await declineInvitation(actor, params.invitationId);
  return new Response(null, { status: 204 });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
