import { apiRoute, methodNotAllowed } from "@/lib/next/route";
import { json } from "@/lib/next/respond";
import { updateTagGroup } from "@/lib/codebook";

// PATCH /api/v1/tag-groups/:groupId – { name?, description?, position? } (editors)
export const PATCH = apiRoute<"groupId">(async (actor, { params, body }) =>
  json(await updateTagGroup(actor, params.groupId, await body())),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("PATCH");
export { notAllowed as GET, notAllowed as POST, notAllowed as PUT, notAllowed as DELETE };
