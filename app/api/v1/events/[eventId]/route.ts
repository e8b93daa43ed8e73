import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { deleteEvent, getEvent, updateEvent } from "@/lib/events";

// GET /api/v1/events/:eventId – with its links and their claims
export const GET = apiRoute<"eventId">(async (actor, { params }) => json(await getEvent(actor, params.eventId)));

// PATCH /api/v1/events/:eventId – { title?, date?, dateEnd?, place?, description? } (editors)
export const PATCH = apiRoute<"eventId">(async (actor, { params, body }) =>
  json(await updateEvent(actor, params.eventId, await body())),
);

// DELETE /api/v1/events/:eventId – soft delete (editors)
export const DELETE = apiRoute<"eventId">(async (actor, { params }) => {
  await deleteEvent(actor, params.eventId);
  return new Response(null, { status: 204 });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET", "PATCH", "DELETE");
export { notAllowed as POST, notAllowed as PUT };
