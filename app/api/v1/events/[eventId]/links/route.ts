import { json } from "@/lib/api/respond";
import { apiRoute } from "@/lib/api/route";
import { createLink } from "@/lib/events";

// POST /api/v1/events/:eventId/links – { annotationId, stance, attributedTo?, note? }
export const POST = apiRoute<"eventId">(async (actor, { params, body }) => {
  const link = await createLink(actor, params.eventId, await body());
  return json(link, { status: 201, headers: { location: `/api/v1/links/${link.id}` } });
});
