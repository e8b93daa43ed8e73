import { confirmOmission, withdrawOmission } from "@/lib/confirmed-omissions";
import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed } from "@/lib/next/route";

// PUT /api/v1/events/:eventId/omissions/:articleId – confirm that the article does not report the event (201, or 200
//   with the first confirmation when there is one)
export const PUT = apiRoute<"eventId" | "articleId">(async (actor, { params }) => {
  const { omission, created } = await confirmOmission(actor, params.eventId, params.articleId);
  return json(omission, { status: created ? 201 : 200 });
});

// DELETE /api/v1/events/:eventId/omissions/:articleId – withdraw the confirmation
export const DELETE = apiRoute<"eventId" | "articleId">(async (actor, { params }) => {
  await withdrawOmission(actor, params.eventId, params.articleId);
  return new Response(null, { status: 204 });
});

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("PUT", "DELETE");
export { notAllowed as GET, notAllowed as POST, notAllowed as PATCH };
