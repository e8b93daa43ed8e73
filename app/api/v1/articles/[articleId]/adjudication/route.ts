import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { settleUnit } from "@/lib/review/adjudication";

// POST /api/v1/articles/:articleId/adjudication – { accept, versions: { <annotationId>: <version> }, tags? } → {
// accepted, rejected } (editors)
export const POST = apiRoute<"articleId">(async (actor, { params, body }) =>
  json(await settleUnit(actor, params.articleId, await body())),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
