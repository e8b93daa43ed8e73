import { errorResponse } from "@/lib/next/respond";
import { handlers, rateLimitOfSignIn } from "@/lib/auth/next-auth";

export const { GET } = handlers;

/**
 * next-auth's endpoints; a credentials sign-in the rate limit refused gets a 429 with Retry-After instead of
 * next-auth's redirect.
 */
export async function POST(request: Request): Promise<Response> {
  const response = await handlers.POST(request as Parameters<typeof handlers.POST>[0]);
  const location = response.headers.get("location");
  const refusal = location ? rateLimitOfSignIn(new URL(location, request.url).searchParams.get("code")) : null;
  return refusal ? errorResponse(refusal) : response;
}
