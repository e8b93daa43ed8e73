import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { measureAgreement } from "@/lib/review/agreement";

// GET /api/v1/projects/:projectId/agreement?coders=<userId>,<userId>[,…]&articles=<id>,… (editors)
export const GET = apiRoute<"projectId">(async (actor, { params, query }) =>
  json(await measureAgreement(actor, params.projectId, query)),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
