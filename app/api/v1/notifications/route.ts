import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { listNotifications } from "@/lib/notifications/inbox";

// GET /api/v1/notifications – the caller's own, newest first; ?unread=true; with unreadCount
export const GET = apiRoute(async (actor, { query }) => json(await listNotifications(actor, query)));

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
