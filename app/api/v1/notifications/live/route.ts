import { followNotifications } from "@/lib/live";
import { eventStreamResponse } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";

// GET /api/v1/notifications/live – text/event-stream of { type: "notifications" } when the caller's own notifications
// change, { type: "resync" } after missed ones
export const GET = apiRoute(async (actor, { request }) =>
  eventStreamResponse(await followNotifications(actor), request.signal),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
