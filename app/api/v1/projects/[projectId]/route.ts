import { apiRoute, methodNotAllowed } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { getProject, updateProject } from "@/lib/projects";

// GET /api/v1/projects/:projectId – one project and the caller's role in it
export const GET = apiRoute<"projectId">(async (actor, { params }) => json(await getProject(actor, params.projectId)));

// PATCH /api/v1/projects/:projectId – { name?, description?, reviewersSeeEachOther? } (editors)
export const PATCH = apiRoute<"projectId">(async (actor, { params, body }) => json(await updateProject(actor, params.projectId, await body())));

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET", "PATCH");
export { notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
