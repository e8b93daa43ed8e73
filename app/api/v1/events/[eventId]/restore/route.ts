import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { restoreEvent } from "@/lib/restore/events";

// POST /api/v1/events/:eventId/restore – brings a deleted event back (editors)
export const POST = apiRoute<"eventId">(async (actor, { params }) => json(await restoreEvent(actor, params.eventId)));

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
