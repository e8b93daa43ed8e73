import { createAnnotation, listAnnotationsJson } from "@/lib/annotations";
import { etagOf } from "@/lib/preconditions";
import { json, jsonText } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";

// GET /api/v1/articles/:articleId/annotations – in text order; ?status=&author=&tag=&limit=&cursor=
export const GET = apiRoute<"articleId">(async (actor, { params, query }) =>
  jsonText(await listAnnotationsJson(actor, params.articleId, query)),
);

// POST /api/v1/articles/:articleId/annotations – { start, end, exact, tags: [id or name], note? }
export const POST = apiRoute<"articleId">(async (actor, { params, body }) => {
  const annotation = await createAnnotation(actor, params.articleId, await body());
  return json(annotation, {
    status: 201,
    headers: { etag: etagOf(annotation.version), location: `/api/v1/annotations/${annotation.id}` },
  });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET", "POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
