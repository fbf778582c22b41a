import "server-only";
import type { z } from "zod";
import { AppError, httpStatus } from "../errors";
import { logFailure } from "../log";
import { parseInput } from "../validation";
import { assertSameOrigin } from "./same-origin";

/** JSON bodies larger than this are refused (413): every body this API takes is a few hundred bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

const NO_STORE = { "cache-control": "no-store" };

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status, headers: NO_STORE });
}

/** How a route answers a failure: its name in the log line, and the challenge a 401 carries. */
export type ErrorOptions = {
  /** e.g. "admin move order": logged as "<what> failed" (default "api request"). */
  what?: string;
  /** `www-authenticate` on a 401: the staff realm, or the cron's bearer realm. */
  challenge?: string;
};

/**
 * The one AppError → Response mapping, for the shop's API, the staff routes, the cron, the health
 * check and the proxy's refusals: {error:{code,message,field?,fields?}} with `httpStatus(code)`,
 * no-store, Retry-After on 429/503; outages and bugs logged (lib/log.ts `logFailure`).
 */
export function errorResponse(
  error: unknown,
  requestId?: string | null,
  options: ErrorOptions = {},
): Response {
  const appError = logFailure(`${options.what ?? "api request"} failed`, error, { requestId });
  const { field, fields } = appError.details ?? {};
  const headers: Record<string, string> = { ...NO_STORE };
  const retryAfter = appError.details?.retryAfterSeconds ?? (appError.code === "UNAVAILABLE" ? 5 : undefined);
  if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
  if (appError.code === "UNAUTHENTICATED" && options.challenge)
    headers["www-authenticate"] = options.challenge;
  return Response.json(
    {
      error: {
        code: appError.code,
        message: appError.message,
        ...(field ? { field } : {}),
        ...(fields ? { fields } : {}),
      },
    },
    { status: httpStatus(appError.code), headers },
  );
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Wraps every route handler: mutating methods pass the same-origin check first, and anything
 * thrown becomes an error response. Handlers just return `json(...)` or throw AppError.
 */
export function apiRoute<C>(
  handler: (request: Request, context: C) => Promise<Response>,
  options: ErrorOptions = {},
) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      if (!SAFE_METHODS.has(request.method)) assertSameOrigin(request);
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error, request.headers.get("x-request-id"), options);
    }
  };
}

/** The request body as JSON validated by `schema`: 415 if not JSON, 413 if too big, 400 if malformed or invalid. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON (Content-Type: application/json).");
  }
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await readLimited(request, MAX_BODY_BYTES);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("BAD_INPUT", "The body is not valid JSON.");
  }
  return parseInput(schema, body);
}

function tooLarge(limit = MAX_BODY_BYTES): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${limit / 1024} KiB.`);
}

/** The body exactly as sent (a webhook's signature covers these bytes), up to `limit` bytes. */
export async function readRawBody(request: Request, limit: number): Promise<string> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge(limit);
  return readLimited(request, limit);
}

/** Reads the body but stops at the limit: a missing or lying Content-Length cannot make us buffer more. */
async function readLimited(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
