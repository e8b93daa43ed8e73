import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { json } from "@/lib/next/respond";
import { deleteSource, getSource, updateSource } from "@/lib/sources";

// GET /api/v1/sources/:sourceId – one outlet
export const GET = apiRoute<"sourceId">(async (actor, { params }) => json(await getSource(actor, params.sourceId)));

// PATCH /api/v1/sources/:sourceId – { name?, homepage?, notes? } (editors)
export const PATCH = apiRoute<"sourceId">(async (actor, { params, body }) =>
  json(await updateSource(actor, params.sourceId, await body())),
);

// DELETE /api/v1/sources/:sourceId – an outlet no live article names (editors); 409 while articles name it
export const DELETE = apiRoute<"sourceId">(async (actor, { params }) => {
  await deleteSource(actor, params.sourceId);
  return new Response(null, { status: 204 });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET", "PATCH", "DELETE");
export { notAllowed as POST, notAllowed as PUT };
