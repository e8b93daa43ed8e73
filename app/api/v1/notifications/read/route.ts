import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { markNotificationsRead } from "@/lib/notifications/inbox";

// POST /api/v1/notifications/read – { ids: [...] } or { all: true } → { unreadCount }
export const POST = apiRoute(async (actor, { body }) => json(await markNotificationsRead(actor, await body())));

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
