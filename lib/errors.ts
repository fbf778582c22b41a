/** The one error type of the domain. Its code decides the HTTP status, in one place: `httpStatus`. */
export type ErrorCode =
  | "BAD_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "CONFLICT"
  | "OUT_OF_STOCK"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "TOO_MANY_REQUESTS"
  | "UNAVAILABLE"
  | "INTERNAL";

const STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  OUT_OF_STOCK: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** The HTTP status an error code answers with: the one mapping, for the API, the proxy and the staff gate. */
export function httpStatus(code: ErrorCode): number {
  return STATUS[code];
}

/** Outages and bugs: the failures worth a log line (the rest are answers to the caller). */
export function isServerFailure(code: ErrorCode): boolean {
  return code === "UNAVAILABLE" || code === "INTERNAL";
}

export const DIGEST_PREFIX = "keepcart:";

export const UNAVAILABLE_MESSAGE =
  "Keepcart is temporarily unavailable. Your cart and sign-in are safe; please try again in a moment.";

export class AppError extends Error {
  override name = "AppError";
  /**
   * Next.js keeps an error's own digest when a server component throws it, and production error
   * pages see only the digest: this lets app/error.tsx tell an outage from a bug.
   */
  readonly digest: string;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: {
      field?: string;
      /** Every invalid input and its message, when input was checked as a whole (parseInput). */
      fields?: Record<string, string>;
      retryAfterSeconds?: number;
      cause?: unknown;
    },
  ) {
    super(message);
    this.digest = `${DIGEST_PREFIX}${code}`;
  }
}

// Errors from node-postgres / PGlite that mean "the database is not reachable or too slow right now".
const UNAVAILABLE_ERRNO = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
]);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /Client has encountered a connection error/i,
  // A connection the driver had already closed (the pool dropped it after an error): same outage.
  /Client was closed and is not queryable/i,
  /Connection terminated unexpectedly/i,
  /PGlite is closed/i,
  /Cannot use a pool after calling end/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  if (
    code &&
    (UNAVAILABLE_ERRNO.has(code) ||
      code.startsWith("08") ||
      code === "57P01" ||
      code === "57P03" ||
      code === "57014" ||
      code === "53300")
  ) {
    return true;
  }
  if (UNAVAILABLE_MESSAGES.some((re) => re.test(error.message))) return true;
  const cause = (error as { cause?: unknown }).cause;
  return cause !== undefined && cause !== error && isDatabaseUnavailable(cause);
}

/** Turns anything thrown into an AppError: database outages become UNAVAILABLE, the rest INTERNAL. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return new AppError("UNAVAILABLE", UNAVAILABLE_MESSAGE, { cause: error });
  return new AppError("INTERNAL", "Something went wrong on our side. Please try again.", { cause: error });
}
