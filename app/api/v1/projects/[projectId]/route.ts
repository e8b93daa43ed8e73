import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { json } from "@/lib/next/respond";
import { deleteProject, getProject, updateProject } from "@/lib/projects";

// GET /api/v1/projects/:projectId – one project and the caller's role in it
export const GET = apiRoute<"projectId">(async (actor, { params }) => json(await getProject(actor, params.projectId)));

// PATCH /api/v1/projects/:projectId – { name?, description?, reviewersSeeEachOther?, publisher?, reviewUrlTemplate? }
//   (editors)
export const PATCH = apiRoute<"projectId">(async (actor, { params, body }) =>
  json(await updateProject(actor, params.projectId, await body())),
);

// DELETE /api/v1/projects/:projectId – soft delete (editors); the project and all in it answer 404 from then on
export const DELETE = apiRoute<"projectId">(async (actor, { params }) => {
  await deleteProject(actor, params.projectId);
  return new Response(null, { status: 204 });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET", "PATCH", "DELETE");
export { notAllowed as POST, notAllowed as PUT };
