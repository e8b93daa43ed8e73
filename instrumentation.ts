/** Runs once when the server starts, before it serves a request (Next.js instrumentation). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { recordPeerAddresses } = await import("@/lib/auth/peer-address");
    recordPeerAddresses();
    // Live notifications that waited while no instance ran (or written by scripts) leave without waiting for a request.
    const { notificationOutbox } = await import("@/lib/notification-outbox");
    notificationOutbox().start();
  }
}
