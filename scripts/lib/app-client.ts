/**
 * Calls to a running app as its clients make them: from an address of one's choosing, signed in, following a live
 * stream.
 */
import { request } from "node:http";

/**
 * As fetch, but from another loopback address (127.x.y.z, all of which reach
 * this machine): to the server, another client, with a socket address of its
 * own. Redirects are not followed.
 */
export function fetchFromAddress(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Response> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: target.hostname === "localhost" ? "127.0.0.1" : target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: init.method ?? "GET",
        headers: init.headers,
        localAddress,
        agent: false,
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
        incoming.on("error", reject);
        incoming.on("end", () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(incoming.headers))
            for (const one of [value ?? []].flat()) headers.append(name, one);
          const status = incoming.statusCode ?? 0;
          resolve(new Response([204, 304].includes(status) ? null : Buffer.concat(chunks), { status, headers }));
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end(init.body);
  });
}

/**
 * Signs in at the app at `baseUrl` through next-auth's credentials endpoint, as the sign-in form does; `cookie` is what
 * the browser then sends.
 */
export async function signInAt(
  baseUrl: string,
  email: string,
  password: string,
): Promise<{ cookie: string; setCookies: string[] }> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  const setCookies = response.headers.getSetCookie();
  return { cookie: [csrfCookie, ...setCookies.map((cookie) => cookie.split(";")[0])].join("; "), setCookies };
}

export interface LiveFollower {
  /** The events received so far, each with when it arrived (Date.now()). */
  events: { data: { type: string; annotationId?: string }; at: number }[];
  /** Resolves with the time the stream ended, whether the server ended it or `close` did. */
  ended: Promise<number>;
  close(): void;
}

/** Follows an article's live stream at the app at `baseUrl`; throws unless it opens (200). */
export async function followLive(baseUrl: string, articleId: string, token: string): Promise<LiveFollower> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/v1/articles/${articleId}/live`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  if (response.status !== 200 || !response.body) throw new Error(`the live stream answered ${response.status}`);
  const events: LiveFollower["events"] = [];
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  const ended = (async () => {
    let buffer = "";
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        buffer += decoder.decode(read.value, { stream: true });
        const blocks = buffer.split("\n\n");
        buffer = blocks.pop()!;
        for (const block of blocks)
          if (block.startsWith("data: "))
            events.push({ data: JSON.parse(block.slice("data: ".length)), at: Date.now() });
      }
    } catch {
      // aborted by close(), or the connection broke
    }
    return Date.now();
  })();
  return { events, ended, close: () => controller.abort() };
}
