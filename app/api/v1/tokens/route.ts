import { json } from "@/lib/api/respond";
import { publicApiRoute } from "@/lib/api/route";
import { addressOf } from "@/lib/auth/rate-limit";
import { createApiToken } from "@/lib/auth/tokens";

// POST /api/v1/tokens – exchange { email, password, name?, expiresInDays? } for a personal access token (rate-limited)
export const POST = publicApiRoute(async ({ request, body }) => json(await createApiToken(await body(), addressOf(request.headers)), { status: 201 }));
