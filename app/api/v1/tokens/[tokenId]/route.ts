import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { revokeApiToken } from "@/lib/auth/tokens";

// DELETE /api/v1/tokens/:tokenId – revoke one of the caller's tokens
export const DELETE = apiRoute<"tokenId">(async (actor, { params }) => {
  await revokeApiToken(actor, params.tokenId);
  return new Response(null, { status: 204 });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("DELETE");
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
