import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { getProject } from "@/lib/projects";

// GET /api/v1/projects/:projectId – one project and the caller's role in it
export const GET = apiRoute<"projectId">(async (actor, { params }) => json(await getProject(actor, params.projectId)));
