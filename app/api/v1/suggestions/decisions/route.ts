import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { decideSuggestion } from "@/lib/suggestions/decisions";

// POST /api/v1/suggestions/decisions – { articleId, kind, start, end, decision: accept|reject, tags? }
export const POST = apiRoute(async (actor, { body }) =>
  json(await decideSuggestion(actor, await body()), { status: 201 }),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
