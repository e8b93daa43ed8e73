import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { json } from "@/lib/next/respond";
import { createTag, listTags } from "@/lib/codebook";

// GET /api/v1/projects/:projectId/tags – the codebook, in its editors' order
export const GET = apiRoute<"projectId">(async (actor, { params, query }) =>
  json(await listTags(actor, params.projectId, query)),
);

// POST /api/v1/projects/:projectId/tags – { name, group (id or name), color, description?, shortcut?, position? }
// (editors)
export const POST = apiRoute<"projectId">(async (actor, { params, body }) => {
  const tag = await createTag(actor, params.projectId, await body());
  return json(tag, { status: 201, headers: { location: `/api/v1/tags/${tag.id}` } });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET", "POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
