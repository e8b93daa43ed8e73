import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { assignArticle } from "@/lib/assignments";

// PUT /api/v1/articles/:articleId/assignees – { userIds }: the article's whole list of coders → { items: [{ userId,
// name }], added, removed } (editors)
export const PUT = apiRoute<"articleId">(async (actor, { params, body }) =>
  json(await assignArticle(actor, params.articleId, await body())),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("PUT");
export { notAllowed as GET, notAllowed as POST, notAllowed as PATCH, notAllowed as DELETE };
