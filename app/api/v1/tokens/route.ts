import { publicApiRoute } from "@/lib/api/route";
import { json } from "@/lib/api/respond";
import { createApiToken } from "@/lib/auth/tokens";

// POST /api/v1/tokens – exchange { email, password } for a personal access token
export const POST = publicApiRoute(async ({ body }) => json(await createApiToken(await body()), { status: 201 }));
