import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { listMyAssignments } from "@/lib/assignments";

// GET /api/v1/assignments – the caller's assignments in every project ("My work"), with each one's state and their
// last annotation on it; ?state=&limit=&cursor=
export const GET = apiRoute(async (actor, { query }) => json(await listMyAssignments(actor, query)));

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
