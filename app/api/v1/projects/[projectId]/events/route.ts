import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { createEvent, listEvents } from "@/lib/events";

// GET /api/v1/projects/:projectId/events – by date, then title; ?q=&limit=&cursor=
export const GET = apiRoute<"projectId">(async (actor, { params, query }) =>
  json(await listEvents(actor, params.projectId, query)),
);

// POST /api/v1/projects/:projectId/events – { title, date?, dateEnd?, place?, description? }
export const POST = apiRoute<"projectId">(async (actor, { params, body }) => {
  const event = await createEvent(actor, params.projectId, await body());
  return json(event, { status: 201, headers: { location: `/api/v1/events/${event.id}` } });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET", "POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
