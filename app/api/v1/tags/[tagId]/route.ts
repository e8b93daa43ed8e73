import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { json } from "@/lib/next/respond";
import { deleteTag, updateTag } from "@/lib/codebook";

// PATCH /api/v1/tags/:tagId – { name?, group?, description?, color?, shortcut?, position?, archived? } (editors)
export const PATCH = apiRoute<"tagId">(async (actor, { params, body }) =>
  json(await updateTag(actor, params.tagId, await body())),
);

// DELETE /api/v1/tags/:tagId – 204 when deleted; a tag in use is archived instead: 200 with the archived tag
export const DELETE = apiRoute<"tagId">(async (actor, { params }) => {
  const result = await deleteTag(actor, params.tagId);
  return result.deleted ? new Response(null, { status: 204 }) : json(result.tag);
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("PATCH", "DELETE");
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT };
