import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { mergeEvent } from "@/lib/events";

// POST /api/v1/events/:eventId/merge – { into: survivorEventId }: links move to the survivor (editors)
export const POST = apiRoute<"eventId">(async (actor, { params, body }) =>
  json(await mergeEvent(actor, params.eventId, await body())),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
