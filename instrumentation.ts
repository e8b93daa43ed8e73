/** Runs once when the server starts, before it serves a request (Next.js instrumentation). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { recordPeerAddresses } = await import("@/lib/auth/peer-address");
    recordPeerAddresses();
  }
}
