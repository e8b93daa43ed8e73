import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { acceptInvitation } from "@/lib/invitations";

// POST /api/v1/invitations/:invitationId/accept – the person invited joins the project → { projectId, role }
export const POST = apiRoute<"invitationId">(async (actor, { params }) =>
  json(await acceptInvitation(actor, params.invitationId)),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
