import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { json } from "@/lib/next/respond";
import { importArticle, importArticles, listArticles } from "@/lib/articles";
import { importArticleFromUrl, importArticlesFromUrls, isUrlImport, isUrlImportBatch } from "@/lib/articles/url-import";

// GET /api/v1/projects/:projectId/articles – the project's articles, without texts
export const GET = apiRoute<"projectId">(async (actor, { params, query }) =>
  json(await listArticles(actor, params.projectId, query)),
);

// POST /api/v1/projects/:projectId/articles – import { title, text, sourceName?, url?, author?, publishedAt? },
// or an array of them (all or none) → 201 { items: [...] }; { url, …overrides } fetches the page → 201, and an
// array of those up to 50 → 207 { items: [{ url, status, article | error }] }
export const POST = apiRoute<"projectId">(async (actor, { params, body }) => {
  const input = await body();
  if (isUrlImport(input)) return json(await importArticleFromUrl(actor, params.projectId, input), { status: 201 });
  if (isUrlImportBatch(input))
    return json({ items: await importArticlesFromUrls(actor, params.projectId, input) }, { status: 207 });
  if (Array.isArray(input))
    return json({ items: await importArticles(actor, params.projectId, input) }, { status: 201 });
  return json(await importArticle(actor, params.projectId, input), { status: 201 });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET", "POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
