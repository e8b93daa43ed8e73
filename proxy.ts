import { type NextRequest, NextResponse } from "next/server";
import { errorBody } from "@/lib/errors";

/** A path no page has: rewritten to it, a request gets the not-found page (app/not-found.tsx) with a 404. */
const NO_PAGE = "/no-such-page";

/**
 * Whether the path's percent-encoding is UTF-8 (`%FF`, a cut sequence or a
 * lone `%` are not). Next.js decodes the segments into route parameters and,
 * for one it cannot decode, answers a plain-text 500 (it looks for a /400
 * page the App Router does not have): such a path is answered here instead.
 */
function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * A Content-Security-Policy for every page, with a fresh nonce per request:
 * scripts run only from our origin and with the nonce Next.js puts on its own
 * (no 'unsafe-inline', no 'unsafe-eval' outside the dev server). Styles allow
 * inline attributes: highlight colours and popover positions are set per
 * element, and a nonce would disable 'unsafe-inline' for them. A path it
 * cannot decode gets a JSON 400 (API) or the not-found page (pages).
 */
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const decodable = isDecodablePath(pathname);
  if (pathname.startsWith("/api/")) {
    if (decodable) return NextResponse.next();
    return NextResponse.json(errorBody("bad_request", "The path is not valid percent-encoded UTF-8."), {
      status: 400,
      headers: { "cache-control": "no-store" },
    });
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const development = process.env.NODE_ENV === "development";
  const https = (request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(":", "")) === "https";
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = decodable
    ? NextResponse.next({ request: { headers } })
    : NextResponse.rewrite(new URL(NO_PAGE, request.url), { request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    // API paths with a percent sign: those whose encoding is broken get a JSON 400 (above).
    "/api/:path(.*%.*)",
    {
      // Pages only: API answers are JSON or files (next.config.ts gives them the other headers), assets are static.
      source: "/((?!api/|_next/static|_next/image|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
