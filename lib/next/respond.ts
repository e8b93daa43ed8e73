import "server-only";
import { AppError, ERROR_STATUS, errorBody } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { uniqueViolation } from "@/lib/unique-violation";

const NO_STORE = { "cache-control": "no-store" };

/** A JSON answer; API answers are never cached by shared caches. */
export function json(data: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  return jsonText(JSON.stringify(data), init);
}

/** As json, for a body that is JSON text already. */
export function jsonText(body: string, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(NO_STORE)) if (!headers.has(name)) headers.set(name, value);
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  return new Response(body, { status: init.status ?? 200, headers });
}

/** PostgreSQL or the pool cannot be reached: a 503, never a hang or a 500. */
const UNAVAILABLE_CODES = new Set([
  "P1001",
  "P1002",
  "P1017",
  "P2024",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);
/** What Prisma's driver adapter calls such errors (a raw query wraps them as P2010). */
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// `connect ENOENT`: the server's Unix socket file is gone (PostgreSQL stopped or restarting).
const UNAVAILABLE_MESSAGES = new RegExp(
  [
    "can't reach database server",
    "connect ENOENT",
    "connection terminated",
    "timeout exceeded when trying to connect",
    "ECONNREFUSED",
    "database system is (starting up|not yet accepting connections|shutting down|in recovery mode)",
    "terminating connection due to",
    "connection error and is not queryable",
    "Connection terminated unexpectedly",
  ].join("|"),
  "i",
);

/**
 * Whether an error (or anything it wraps: causes, and the driver adapter's
 * error Prisma keeps in `meta`) says the database is down or restarting.
 */
function isDatabaseUnavailable(error: unknown): boolean {
  const pending: unknown[] = [error];
  for (let checked = 0; pending.length > 0 && checked < 20; checked++) {
    const candidate = pending.shift();
    if (typeof candidate !== "object" || candidate === null) continue;
    const { code, kind, message, cause, meta } = candidate as {
      code?: unknown;
      kind?: unknown;
      message?: unknown;
      cause?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof kind === "string" && UNAVAILABLE_KINDS.has(kind)) return true;
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.test(message)) return true;
    pending.push(cause, meta?.driverAdapterError);
  }
  return false;
}

/**
 * The one place where a thrown error becomes an HTTP answer with the envelope
 * `{ "error": { "code", "message", "details"? } }`. Unexpected errors are
 * logged and answered with a generic 500: no stack trace leaves the server.
 */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    return json(errorBody(error.code, error.message, error.details), {
      status: error.status,
      headers: typeof retryAfter === "number" ? { "retry-after": String(retryAfter) } : undefined,
    });
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025")
    return json(errorBody("not_found", "Not found."), { status: 404 });
  if (uniqueViolation(error)) {
    return json(errorBody("conflict", "This conflicts with something that already exists (a unique value is taken)."), {
      status: 409,
    });
  }
  if (isDatabaseUnavailable(error)) {
    return json(errorBody("service_unavailable", "The database is unavailable; try again shortly."), {
      status: ERROR_STATUS.service_unavailable,
      headers: { "retry-after": "5" },
    });
  }
  console.error("[parallax] unexpected error", error);
  return json(errorBody("internal_server_error", "Something went wrong on the server."), { status: 500 });
}

/**
 * A response whose body is produced piece by piece as the client reads it
 * (exports): nothing is built whole in memory. The first piece is made before
 * the answer starts, so a failure up to then (a limit, the database) is still
 * a JSON error with its status; a failure after it can only cut the stream
 * short, and is logged.
 */
export async function streamedResponse(
  chunks: AsyncGenerator<string | Uint8Array>,
  headers: HeadersInit,
): Promise<Response> {
  const encoder = new TextEncoder();
  let next: IteratorResult<string | Uint8Array> | null = await chunks.next();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = next ?? (await chunks.next());
        next = null;
        if (done) controller.close();
        else controller.enqueue(typeof value === "string" ? encoder.encode(value) : value);
      } catch (error) {
        console.error("[parallax] a streamed response failed midway", error);
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const allHeaders = new Headers(headers);
  allHeaders.set("cache-control", "no-store");
  return new Response(body, { headers: allHeaders });
}

const HEARTBEAT_MS = 15_000;

/** What an event stream serves: started once with a `send` for JSON events and an `end` for the source to close it. */
export interface EventFeed<Event> {
  start(send: (event: Event) => void, end: () => void): void;
  stop(): void;
}

/**
 * A server-sent event stream (`text/event-stream`) of `feed`'s events. A
 * comment line every 15 s keeps proxies from closing an idle stream; a client
 * that goes away (`signal`: the request's) stops the feed, and the feed may
 * end the stream itself.
 */
export function eventStreamResponse<Event>(feed: EventFeed<Event>, signal?: AbortSignal): Response {
  const encoder = new TextEncoder();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let isClosed = false;
  const close = () => {
    if (isClosed) return;
    isClosed = true;
    clearInterval(heartbeat);
    feed.stop();
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          // The client is gone; cancel() cleans up.
        }
      };
      write("retry: 1000\n\n");
      heartbeat = setInterval(() => write(": keep-alive\n\n"), HEARTBEAT_MS);
      signal?.addEventListener("abort", close, { once: true });
      feed.start(
        (event) => write(`data: ${JSON.stringify(event)}\n\n`),
        () => {
          close();
          try {
            controller.close();
          } catch {
            // Already closed by the client.
          }
        },
      );
    },
    cancel: close,
  });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
