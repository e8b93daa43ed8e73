import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { json } from "@/lib/next/respond";
import { deleteArticle, getArticle, updateArticle } from "@/lib/articles";

// GET /api/v1/articles/:articleId – one article with its text and metadata
export const GET = apiRoute<"articleId">(async (actor, { params }) => json(await getArticle(actor, params.articleId)));

// PATCH /api/v1/articles/:articleId – metadata (title, sourceName, url, author, publishedAt) and/or { text,
// baseRevision? }
export const PATCH = apiRoute<"articleId">(async (actor, { params, body }) =>
  json(await updateArticle(actor, params.articleId, await body())),
);

// DELETE /api/v1/articles/:articleId – soft delete
export const DELETE = apiRoute<"articleId">(async (actor, { params }) => {
  await deleteArticle(actor, params.articleId);
  return new Response(null, { status: 204 });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET", "PATCH", "DELETE");
export { notAllowed as POST, notAllowed as PUT };
