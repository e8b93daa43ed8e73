import { methodNotAllowed } from "@/lib/next/route";
import { json } from "@/lib/next/respond";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

// GET /api/health – liveness with a database check; no auth
export async function GET() {
  const health = await checkHealth();
  return json(health, { status: health.db === "ok" ? 200 : 503 });
}

// Any other method: a JSON 405 with Allow.
const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
