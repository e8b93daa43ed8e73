import "server-only";
import type { Actor } from "@/lib/actor";
import { readJsonBody } from "@/lib/next/body";
import { errorResponse } from "@/lib/next/respond";
import { requireActor } from "@/lib/auth/session";
import { AppError, badRequest, forbidden } from "@/lib/errors";

export interface ApiContext<Param extends string> {
  request: Request;
  params: Record<Param, string>;
  /** The query string as a plain object (the last value of a repeated key wins). */
  query: Record<string, string>;
  /** Reads and parses the JSON body (415, 413, 400 as body.ts says). */
  body: () => Promise<unknown>;
  /** The version `If-Match: "<version>"` names, or null without one (400 when it is not one such entity tag). */
  expectedVersion: () => number | null;
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Wraps an API route handler: resolves the caller (401 when nobody is signed
 * in), refuses cross-site writes made with the session cookie, and turns
 * every thrown error into the JSON error envelope. Handlers stay a few lines:
 * parse, call lib/, serialise.
 */
export function apiRoute<Param extends string = never>(
  handler: (actor: Actor, context: ApiContext<Param>) => Promise<Response>,
) {
  return publicApiRoute<Param>(async (context) => {
    const actor = await requireActor();
    if (actor.via === "session" && UNSAFE_METHODS.has(context.request.method)) assertSameOrigin(context.request);
    return handler(actor, context);
  });
}

/** As apiRoute, for the few routes anyone may call (health, token creation). */
export function publicApiRoute<Param extends string = never>(
  handler: (context: ApiContext<Param>) => Promise<Response>,
) {
  return async (
    request: Request,
    routeContext: { params: Promise<Record<string, string | string[]>> },
  ): Promise<Response> => {
    try {
      const params = (await routeContext.params) as Record<Param, string>;
      const query = Object.fromEntries(new URL(request.url).searchParams);
      return await handler({
        request,
        params,
        query,
        body: () => readJsonBody(request),
        expectedVersion: () => versionFromIfMatch(request.headers.get("if-match")),
      });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

function versionFromIfMatch(header: string | null): number | null {
  if (header === null || header.trim() === "") return null;
  const match = /^\s*"(\d{1,9})"\s*$/.exec(header);
  if (!match) throw badRequest('If-Match must be one entity tag such as "3", the ETag a GET answered.');
  return Number(match[1]);
}

/**
 * Cookie-authenticated writes must come from our own pages: browsers send
 * `Origin` on every cross-site (and same-site) POST/PATCH/DELETE, so a form or
 * script on another site cannot act with the user's cookie (CSRF).
 */
function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (origin && host && hostOf(origin) === host) return;
  if (!origin && request.headers.get("sec-fetch-site") === "same-origin") return;
  throw forbidden("Cross-site request refused: writes with the session cookie must come from Parallax's own pages.");
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" (an opaque origin) or garbage
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * The answer to a method a route does not have: a JSON 405 naming the ones it
 * has (Next.js's own 405 has no body). Route files export it under each
 * missing method's name.
 */
export function methodNotAllowed(...allowed: Method[]) {
  const allow = allowed.join(", ");
  return async (): Promise<Response> => {
    const response = errorResponse(
      new AppError("method_not_allowed", `This route answers ${allow} only.`, { allow: allowed }),
    );
    response.headers.set("allow", allow);
    return response;
  };
}
