import { json } from "@/lib/next/respond";
import { apiRoute, methodNotAllowed, publicApiRoute } from "@/lib/next/route";
import { clientAddress } from "@/lib/auth/client-address";
import { createApiToken, listApiTokens } from "@/lib/auth/tokens";

// GET /api/v1/tokens – the caller's tokens (never the tokens themselves)
export const GET = apiRoute(async (actor) => json(await listApiTokens(actor)));

// POST /api/v1/tokens – exchange { email, password, name?, expiresInDays? } for a personal access token (rate-limited)
export const POST = publicApiRoute(async ({ request, body }) =>
  json(await createApiToken(await body(), clientAddress(request.headers)), { status: 201 }),
);

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET", "POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
