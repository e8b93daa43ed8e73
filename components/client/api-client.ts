/**
 * The client components' calls to the REST API (same origin, the session
 * cookie authenticates): the one way they read and write data (forms go
 * through api-form.ts). Failures arrive as ApiFailure with the API's error
 * code, message and details, so the UI can say what happened.
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiFailure";
  }
}

interface CallOptions {
  body?: unknown;
  /** The version the change is based on, sent as `If-Match: "<version>"`. */
  version?: number;
}

export async function callApi<T>(
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  options: CallOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.version !== undefined) headers["if-match"] = `"${options.version}"`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: "no-store",
    });
  } catch {
    throw new ApiFailure(0, "network", "Could not reach the server. Check the connection and try again.");
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;
  const error = (payload as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  throw new ApiFailure(
    response.status,
    error?.code ?? "error",
    error?.message ?? `The server answered ${response.status}.`,
    error?.details,
  );
}
