import { fetchFromAddress, signInAt } from "../../scripts/lib/app-client";

/** HTTP calls to the app under test, which `npm test` starts and names in TEST_BASE_URL. */
export function baseUrl(): string {
  const url = process.env.TEST_BASE_URL;
  if (!url) throw new Error("TEST_BASE_URL is not set: run the integration tests through `npm test`.");
  return url;
}

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ApiOptions {
  token?: string;
  cookie?: string;
  /** A value to send as JSON. */
  json?: unknown;
  /** A raw body, sent as is (with `contentType`). */
  raw?: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
}

export async function api<T = any>(method: string, path: string, options: ApiOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["content-type"] = options.contentType ?? "application/json";
  } else if (options.raw !== undefined) {
    body = options.raw as BodyInit;
    if (options.contentType) headers["content-type"] = options.contentType;
  }
  const response = await fetch(`${baseUrl()}${path}`, { method, headers, body, redirect: "manual" });
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get("content-type") ?? "").includes("json") && text) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed as T };
}

/** Asserts the JSON error envelope and returns its code. */
export function errorCode(response: ApiResponse): string {
  const error = (response.body as { error?: { code?: unknown; message?: unknown } }).error;
  if (typeof error?.code !== "string" || typeof error.message !== "string") {
    throw new Error(`expected the JSON error envelope, got ${response.status} ${JSON.stringify(response.body)}`);
  }
  return error.code;
}

/**
 * Signs in through next-auth's credentials endpoint, as the sign-in form does; `cookie` is what the browser then sends.
 */
export function signIn(email: string, password: string): Promise<{ cookie: string; setCookies: string[] }> {
  return signInAt(baseUrl(), email, password);
}

/**
 * As fetch to the app under test, but from another loopback address
 * (127.x.y.z, all of which reach this machine): to the app, another client,
 * with a socket address of its own. Redirects are not followed.
 */
export function fetchFrom(
  localAddress: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Response> {
  return fetchFromAddress(localAddress, new URL(path, baseUrl()).toString(), init);
}

/**
 * Hands out loopback addresses, each once: 127.<block>.<n / 250>.<1 + n % 250>.
 * Each test file takes a block of its own (the run's tests share one database,
 * where failures counted against an address add up).
 */
export function loopbackAddresses(block: number): () => string {
  let used = 0;
  return () => {
    const n = used++;
    return `127.${block}.${Math.floor(n / 250)}.${1 + (n % 250)}`;
  };
}
