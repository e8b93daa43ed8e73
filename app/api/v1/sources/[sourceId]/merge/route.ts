import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { mergeSource } from "@/lib/sources";

// POST /api/v1/sources/:sourceId/merge – { into: survivorSourceId }: its articles move to the survivor, it is deleted
// (editors)
export const POST = apiRoute<"sourceId">(async (actor, { params, body }) =>
  json(await mergeSource(actor, params.sourceId, await body())),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
