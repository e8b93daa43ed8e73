import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { deleteLink, updateLink } from "@/lib/events";

// PATCH /api/v1/links/:linkId – { stance?, attributedTo?, note? } (its author or an editor)
export const PATCH = apiRoute<"linkId">(async (actor, { params, body }) =>
  json(await updateLink(actor, params.linkId, await body())),
);

// DELETE /api/v1/links/:linkId
export const DELETE = apiRoute<"linkId">(async (actor, { params }) => {
  await deleteLink(actor, params.linkId);
  return new Response(null, { status: 204 });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("PATCH", "DELETE");
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT };
