import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { revokeInvitation } from "@/lib/invitations";

// DELETE /api/v1/invitations/:invitationId – withdraws a pending invitation (editors of its project)
export const DELETE = apiRoute<"invitationId">(async (actor, { params }) => {
  await revokeInvitation(actor, params.invitationId);
  return new Response(null, { status: 204 });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("DELETE");
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
