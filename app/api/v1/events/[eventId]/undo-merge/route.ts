import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { undoEventMerge } from "@/lib/restore/merges";

// POST /api/v1/events/:eventId/undo-merge – takes back the event's merge into another: it and its links return
// (editors)
export const POST = apiRoute<"eventId">(async (actor, { params }) => json(await undoEventMerge(actor, params.eventId)));

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
