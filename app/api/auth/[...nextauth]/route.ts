import { errorResponse } from "@/lib/api/respond";
import { addressOf, assertAttemptAllowed } from "@/lib/auth/rate-limit";
import { handlers } from "@/lib/auth/next-auth";

export const { GET } = handlers;

/** next-auth's endpoints; a credentials sign-in over the limit gets a 429 with Retry-After instead of next-auth's redirect. */
export async function POST(request: Request): Promise<Response> {
  if (new URL(request.url).pathname.endsWith("/callback/credentials")) {
    const form = await request.clone().formData().catch(() => null);
    const email = form?.get("email");
    try {
      await assertAttemptAllowed({ email: typeof email === "string" ? email : "", address: addressOf(request.headers) });
    } catch (error) {
      return errorResponse(error);
    }
  }
  return handlers.POST(request as Parameters<typeof handlers.POST>[0]);
}
