import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { importIntoProject } from "@/lib/imports";

// POST /api/v1/projects/:projectId/import – a project export, W3C Web Annotations (onto ?article= if given), or
// { articles: [...] }; one transaction
export const POST = apiRoute<"projectId">(async (actor, { params, body, query }) =>
  json(await importIntoProject(actor, params.projectId, await body(), query), { status: 201 }),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
