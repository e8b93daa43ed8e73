import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { createLink } from "@/lib/events";

// POST /api/v1/events/:eventId/links – { annotationId, stance, attributedTo?, note? }
export const POST = apiRoute<"eventId">(async (actor, { params, body }) => {
  const link = await createLink(actor, params.eventId, await body());
  return json(link, { status: 201, headers: { location: `/api/v1/links/${link.id}` } });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
