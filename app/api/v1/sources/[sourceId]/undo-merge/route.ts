import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { undoSourceMerge } from "@/lib/restore/merges";

// POST /api/v1/sources/:sourceId/undo-merge – takes back the outlet's merge into another: it is made again and its
// articles return (editors)
export const POST = apiRoute<"sourceId">(async (actor, { params }) =>
  json(await undoSourceMerge(actor, params.sourceId)),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
