import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { json } from "@/lib/next/respond";
import { createProject, listProjects } from "@/lib/projects";

// GET /api/v1/projects – the caller's projects
export const GET = apiRoute(async (actor, { query }) => json(await listProjects(actor, query)));

// POST /api/v1/projects – create a project; the caller becomes its editor
export const POST = apiRoute(async (actor, { body }) =>
  json(await createProject(actor, await body()), { status: 201 }),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET", "POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
