import "server-only";
import { isIP } from "node:net";
import proxyaddr from "proxy-addr";
import { peerAddress } from "@/lib/auth/peer-address";
import { env } from "@/lib/env";

let trustedProxies: { entries: string[]; isTrusted: (address: string, index: number) => boolean } | undefined;

function isTrustedProxy(address: string, index: number): boolean {
  const entries = env().PARALLAX_TRUSTED_PROXIES;
  if (trustedProxies?.entries !== entries) trustedProxies = { entries, isTrusted: proxyaddr.compile(entries) };
  return trustedProxies.isTrusted(address, index);
}

/** `::ffff:127.0.0.1` (an IPv4 client of a dual-stack socket) is 127.0.0.1: one client, one key. */
function canonical(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1]! : address).toLowerCase();
}

/**
 * The address of the client making this request, for the sign-in rate
 * limit: the socket's, unless the socket belongs to a proxy that
 * PARALLAX_TRUSTED_PROXIES names. Then X-Forwarded-For is read from its end,
 * past each trusted proxy, to the first address no trusted proxy vouches
 * for (entries further left are the client's own words). Null when the
 * socket's address is unknown.
 */
export function clientAddress(headers: Headers): string | null {
  const peer = peerAddress();
  if (!peer) return null;
  const address = proxyaddr(
    {
      socket: { remoteAddress: peer },
      headers: { "x-forwarded-for": headers.get("x-forwarded-for") ?? undefined },
    } as never,
    isTrustedProxy,
  );
  // A trusted proxy passing on something that is not an address: count the proxy instead.
  return canonical(isIP(canonical(address)) ? address : peer);
}
