import { json, streamedResponse } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { progressCsv, projectProgress } from "@/lib/assignments";

// GET /api/v1/projects/:projectId/progress – per coder and overall counts by state and share done, the articles
// waiting for an editor, a page of the articles × coders grid (?limit=&cursor=); ?format=csv: every article and coder
// as CSV (editors)
export const GET = apiRoute<"projectId">(async (actor, { params, query }) => {
  if (query.format !== "csv") return json(await projectProgress(actor, params.projectId, query));
  return await streamedResponse(await progressCsv(actor, params.projectId), {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": 'attachment; filename="progress.csv"',
  });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
