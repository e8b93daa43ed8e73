import { AsyncLocalStorage } from "node:async_hooks";
import { subscribe } from "node:diagnostics_channel";
import type { Socket } from "node:net";

/**
 * The address at the other end of each HTTP request's socket. Next.js gives
 * route handlers, server actions and next-auth a Request without it (and
 * fills in X-Forwarded-For with it only when the client sent none, so that
 * header cannot tell), so it is recorded as each request starts: Node's
 * `http.server.request.start` diagnostics channel is published just before
 * the server's request listener runs, in the same turn, and an
 * AsyncLocalStorage entered there follows the request through every await.
 *
 * Kept on globalThis: instrumentation.ts and each route bundle load their own
 * copy of this module, and all must read the one the subscriber writes.
 */
const globalForPeers = globalThis as unknown as { parallaxPeerAddress?: AsyncLocalStorage<string> };

function peerStorage(): AsyncLocalStorage<string> {
  globalForPeers.parallaxPeerAddress ??= new AsyncLocalStorage<string>();
  return globalForPeers.parallaxPeerAddress;
}

/** Starts recording each request's socket address; instrumentation.ts calls it once at start-up (again is harmless). */
export function recordPeerAddresses(): void {
  if (globalForPeers.parallaxPeerAddress) return;
  const storage = peerStorage();
  subscribe("http.server.request.start", (message) => {
    // Always entered, so that a request never inherits an earlier one's address on a kept-alive socket.
    storage.enterWith((message as { socket?: Socket }).socket?.remoteAddress ?? "");
  });
}

/**
 * The socket address of the request being served, or null outside one (or when the server was started without
 * instrumentation.ts).
 */
export function peerAddress(): string | null {
  return globalForPeers.parallaxPeerAddress?.getStore() || null;
}
