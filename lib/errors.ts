/**
 * The one error type of the application. Every failure a caller can cause is
 * an AppError with a code; lib/next/respond.ts maps it to the JSON envelope
 * `{ "error": { "code", "message", "details"? } }` and this status.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable_entity: 422,
  /** An import by URL that Parallax will not fetch or keep (details.reason says why). */
  url_refused: 422,
  /** A decision on a suggestion that is not proposed now (decided, annotated, the text changed, or never proposed). */
  not_suggested: 409,
  precondition_required: 428,
  rate_limited: 429,
  internal_server_error: 500,
  /** The site an import by URL fetches from failed (an error status, a broken connection). */
  bad_gateway: 502,
  service_unavailable: 503,
  /** The site an import by URL fetches from did not answer in time. */
  gateway_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const badRequest = (message: string, details?: unknown) => new AppError("bad_request", message, details);
export const unauthorized = (message = "Sign in or send 'Authorization: Bearer <token>'.") =>
  new AppError("unauthorized", message);
export const forbidden = (message: string) => new AppError("forbidden", message);
/** Also what a non-member gets for a resource of a project: it does not exist for them. */
export const notFound = (what: string) => new AppError("not_found", `${what} not found.`);
export const conflict = (message: string, details?: unknown) => new AppError("conflict", message, details);
export const unprocessable = (message: string, details?: unknown) =>
  new AppError("unprocessable_entity", message, details);

/** The JSON error envelope every API answer uses. */
export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}
