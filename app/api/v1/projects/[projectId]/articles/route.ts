import { apiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { importArticle, listArticles } from "@/lib/articles";

// GET /api/v1/projects/:projectId/articles – the project's articles, without texts
export const GET = apiRoute<"projectId">(async (actor, { params, query }) =>
  json(await listArticles(actor, params.projectId, query)),
);

// POST /api/v1/projects/:projectId/articles – import { title, text, sourceName?, url?, author?, publishedAt? }
export const POST = apiRoute<"projectId">(async (actor, { params, body }) =>
  json(await importArticle(actor, params.projectId, await body()), { status: 201 }),
);
