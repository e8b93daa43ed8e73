import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { restoreLink } from "@/lib/restore/links";

// POST /api/v1/links/:linkId/restore – links the claim again as the removed link was (its author or an editor)
export const POST = apiRoute<"linkId">(async (actor, { params }) => json(await restoreLink(actor, params.linkId)));

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
