import "server-only";
import { lookup } from "node:dns/promises";
import type { LookupAddress } from "node:dns";
import { MIMEType } from "node:util";
import ipaddr from "ipaddr.js";
import { Agent, fetch } from "undici";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** Redirects followed before a fetch is refused (browsers allow 20; a news page needs one or two). */
export const MAX_REDIRECTS = 5;
/** A page larger than this is not read further (a long article is some hundred kilobytes of HTML). */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;

const PAGE_TYPES = { "text/html": "html", "application/xhtml+xml": "html", "text/plain": "text" } as const;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface FetchedPage {
  /** Where the page was found, after redirects, without a fragment. */
  url: string;
  kind: "html" | "text";
  /** The page decoded with the charset its Content-Type names (UTF-8 when it names none). */
  body: string;
}

/** Why a URL is not fetched or its answer not kept (details.reason of the error). */
type RefusalReason = "scheme" | "address" | "redirects" | "content_type" | "too_large";

function refused(reason: RefusalReason, url: string, message: string, details: Record<string, unknown> = {}): AppError {
  const code =
    reason === "too_large" ? "payload_too_large" : reason === "content_type" ? "unsupported_media_type" : "url_refused";
  return new AppError(code, message, { reason, url, ...details });
}

/**
 * Whether connecting to `address` reaches the public internet: not loopback,
 * private, link-local, carrier-grade NAT, multicast, broadcast, unspecified,
 * reserved or unique-local (IPv4-mapped IPv6 judged as the IPv4 it maps).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  // IPv4-compatible IPv6 (::a.b.c.d, deprecated) reaches the IPv4 address on some stacks; ipaddr calls it unicast.
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)) return false;
  return parsed.range() === "unicast";
}

/** Whether the allow-list (PARALLAX_FETCH_ALLOW) names this URL's host, alone or with its port. */
function isAllowListed(url: URL): boolean {
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  const host = url.hostname.toLowerCase();
  return env().PARALLAX_FETCH_ALLOW.some((entry) => entry === host || entry === `${host}:${port}`);
}

/** Rejects when `signal` aborts first (a DNS lookup cannot be cancelled, only abandoned). */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) return abort();
    signal.addEventListener("abort", abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

/**
 * The address to connect to for `url`: every address its host resolves to
 * must be public (or the host allow-listed), so that a name with one public
 * and one internal address cannot be used to reach the inside.
 */
async function checkedAddress(url: URL, signal: AbortSignal): Promise<LookupAddress> {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: LookupAddress[];
  try {
    addresses = await unlessAborted(lookup(host, { all: true, verbatim: true }), signal);
  } catch (error) {
    if (signal.aborted) throw error;
    throw new AppError("bad_gateway", `The host ${url.hostname} could not be found.`, { url: url.href });
  }
  if (!isAllowListed(url)) {
    const internal = addresses.find(({ address }) => !isPublicAddress(address));
    if (internal) {
      throw refused(
        "address",
        url.href,
        `${url.hostname}${ipaddr.isValid(host) ? " is" : ` resolves to ${internal.address},`} an internal address ` +
          "Parallax does not fetch from.",
        { address: internal.address },
      );
    }
  }
  if (addresses.length === 0)
    throw new AppError("bad_gateway", `The host ${url.hostname} could not be found.`, { url: url.href });
  return addresses[0]!;
}

/**
 * A connection pool that connects only to the address that was checked,
 * whatever the host's DNS says by the time the socket opens (no rebinding
 * between the check and the connection). TLS still verifies the host name.
 */
function pinnedAgent({ address, family }: LookupAddress): Agent {
  return new Agent({
    connect: {
      lookup: (_hostname, options, callback) => {
        if ((options as { all?: boolean }).all) callback(null, [{ address, family }]);
        else callback(null, address, family);
      },
    },
  });
}

function parseWebUrl(value: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    throw refused("scheme", value, `${value.slice(0, 200)} is not a URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw refused("scheme", url.href, `Only http and https URLs are fetched, not ${url.protocol}`);
  url.hash = "";
  return url;
}

async function readLimited(response: Response, url: string): Promise<Uint8Array> {
  const tooLarge = () =>
    refused("too_large", url, `The page is larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB.`, {
      limitBytes: MAX_PAGE_BYTES,
    });
  if (Number(response.headers.get("content-length") ?? "0") > MAX_PAGE_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_PAGE_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function decode(bytes: Uint8Array, charset: string | null): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset ?? "utf-8");
  } catch {
    decoder = new TextDecoder("utf-8"); // a charset nobody knows: UTF-8 is what the web mostly is
  }
  return decoder.decode(bytes);
}

function pageType(response: Response, url: string): { kind: FetchedPage["kind"]; charset: string | null } {
  const header = response.headers.get("content-type") ?? "";
  let type: MIMEType | null = null;
  try {
    type = new MIMEType(header);
  } catch {
    type = null;
  }
  const kind = type ? PAGE_TYPES[type.essence as keyof typeof PAGE_TYPES] : undefined;
  if (!type || !kind) {
    throw refused(
      "content_type",
      url,
      `The page is ${header ? `of type ${header.slice(0, 100)}` : "of no declared type"}; only HTML, XHTML and ` +
        "plain text are imported.",
      { contentType: header.slice(0, 200) },
    );
  }
  return { kind, charset: type.params.get("charset") };
}

/** One request to `url`, on a connection pinned to its checked address. */
async function requestOnce(url: URL, signal: AbortSignal) {
  const agent = pinnedAgent(await checkedAddress(url, signal));
  try {
    const response = (await fetch(url, {
      redirect: "manual",
      signal,
      dispatcher: agent,
      headers: { accept: "text/html,application/xhtml+xml,text/plain;q=0.9", "user-agent": "Parallax article import" },
    })) as unknown as Response;
    return { response, close: () => void agent.destroy().catch(() => undefined) };
  } catch (error) {
    void agent.destroy().catch(() => undefined);
    throw error;
  }
}

async function fetchFollowingRedirects(start: URL, signal: AbortSignal): Promise<FetchedPage> {
  let url = start;
  for (let redirects = 0; ; redirects++) {
    const { response, close } = await requestOnce(url, signal);
    try {
      if (REDIRECT_STATUSES.has(response.status)) {
        const location = response.headers.get("location");
        if (!location)
          throw new AppError("bad_gateway", `The site answered ${response.status} without saying where to go.`, {
            url: url.href,
            remoteStatus: response.status,
          });
        if (redirects === MAX_REDIRECTS) {
          throw refused("redirects", start.href, `The page redirects more than ${MAX_REDIRECTS} times.`, {
            maxRedirects: MAX_REDIRECTS,
          });
        }
        url = parseWebUrl(location, url);
        continue;
      }
      if (!response.ok) {
        throw new AppError(
          "bad_gateway",
          `The site answered ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`,
          { url: url.href, remoteStatus: response.status },
        );
      }
      const { kind, charset } = pageType(response, url.href);
      return { url: url.href, kind, body: decode(await readLimited(response, url.href), charset) };
    } finally {
      await response.body?.cancel().catch(() => undefined);
      close();
    }
  }
}

/**
 * Fetches a web page for import, safely: http(s) only; at most 5 redirects,
 * each target checked again; every address the host resolves to must be
 * public unless PARALLAX_FETCH_ALLOW names the host, and the connection goes
 * to the address checked; the whole fetch within PARALLAX_FETCH_TIMEOUT_MS
 * (10 s); at most 5 MB read; HTML, XHTML or plain text only.
 *
 * Throws AppError: url_refused (422, details.reason scheme, address or
 * redirects), payload_too_large (413), unsupported_media_type (415),
 * bad_gateway (502: the site failed, details.remoteStatus) or gateway_timeout (504).
 */
export async function fetchPage(address: string): Promise<FetchedPage> {
  const timeoutMs = env().PARALLAX_FETCH_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  const start = parseWebUrl(address);
  try {
    return await fetchFollowingRedirects(start, signal);
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (signal.aborted) {
      throw new AppError("gateway_timeout", `The site did not send the page within ${timeoutMs / 1000} s.`, {
        url: start.href,
        timeoutMs,
      });
    }
    const cause = (error as { cause?: { code?: unknown } }).cause?.code;
    throw new AppError(
      "bad_gateway",
      `The site could not be reached${typeof cause === "string" ? ` (${cause})` : ""}.`,
      { url: start.href },
    );
  }
}
