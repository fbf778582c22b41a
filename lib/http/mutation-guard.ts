import { AppError } from "../errors";
import { log } from "../log";
import { actionPlacement } from "./action-routes";
import { refusedMethod } from "./client-address";
import { assertSameOrigin, isSameOriginExempt } from "./same-origin";
import { MAX_UPLOAD_BODY, UPLOAD_PATHS } from "./upload-limit";

/**
 * Server action and form bodies are a few KiB; the JSON API's own limit (16 KiB) is enforced in
 * readJson. Anything larger is refused before Next buffers and parses it.
 */
export const MAX_ACTION_BODY_BYTES = 64 * 1024;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const ACTION_TYPES = new Set(["text/plain", "multipart/form-data", "application/x-www-form-urlencoded"]);

/**
 * For proxy.ts: why a mutation must not reach the app, or null. Next answers a server action with a
 * foreign Origin, a huge body or a body it cannot decode with a 500; these are the client's faults,
 * so they get a 4xx here, before any of the app runs.
 */
export function mutationRefusal(request: Request): AppError | null {
  if (SAFE_METHODS.has(request.method)) return null;
  const pathname = new URL(request.url).pathname;
  try {
    if (!isSameOriginExempt(pathname)) assertSameOrigin(request);
  } catch (error) {
    return error as AppError;
  }
  if (pathname.startsWith("/api/")) return null; // routes check their own bodies (readJson, readRawBody)
  const length = Number(request.headers.get("content-length") ?? 0);
  // Staff product forms carry an image (the admin gate still runs next; the action checks the file).
  const limit = UPLOAD_PATHS.test(pathname) ? MAX_UPLOAD_BODY : MAX_ACTION_BODY_BYTES;
  if (!Number.isFinite(length) || length > limit) {
    return new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${limit / 1024} KiB.`);
  }
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!ACTION_TYPES.has(type)) {
    return new AppError("UNSUPPORTED_MEDIA_TYPE", "Send a form (multipart/form-data or urlencoded).");
  }
  const action = request.headers.get("next-action");
  if (action !== null && !/^[0-9a-f]{40,64}$/i.test(action)) {
    return new AppError("BAD_INPUT", "Unknown server action.");
  }
  return null;
}

/**
 * For proxy.ts, after the body is known to be small: an action id no page at this path imports is a
 * 404 (lib/http/action-routes.ts says why Next.js must not be left to forward it).
 */
export function misplacedActionRefusal(request: Request): AppError | null {
  const action = request.headers.get("next-action");
  if (action === null || SAFE_METHODS.has(request.method)) return null;
  const pathname = new URL(request.url).pathname;
  const placement = actionPlacement(action.toLowerCase(), pathname);
  if (placement !== "unknown" && placement !== "misplaced") return null;
  log.warn("server action refused", { placement, path: pathname });
  return new AppError("NOT_FOUND", "Unknown server action.");
}

/**
 * For proxy.ts, any method: what Next.js would answer with a bare 500 before the app runs. A path
 * whose percent-escapes do not decode to UTF-8 is a 400; a method the Fetch API cannot carry (TRACE,
 * stood in for by lib/http/peer-stamp.ts) is a 405.
 */
export function requestRefusal(request: Request, pathname: string): AppError | null {
  const method = refusedMethod(request.headers);
  if (method) return new AppError("METHOD_NOT_ALLOWED", `${method.slice(0, 10)} is not supported here.`);
  try {
    decodeURIComponent(pathname);
  } catch {
    return new AppError("BAD_INPUT", "The address is not valid (a malformed percent-escape).");
  }
  return null;
}

/**
 * A body sent without Content-Length (Transfer-Encoding: chunked) has no size to check up front: read
 * it here and count. Next.js gives proxy.ts its own copy of the body (bounded by
 * `proxyClientMaxBodySize` in next.config.ts), so the app still reads the original. Only for
 * non-API mutations: readJson counts JSON bodies itself.
 */
export async function streamedBodyRefusal(request: Request): Promise<AppError | null> {
  if (SAFE_METHODS.has(request.method) || request.headers.has("content-length") || !request.body) return null;
  if (new URL(request.url).pathname.startsWith("/api/")) return null;
  const reader = request.body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return null;
    size += value.byteLength;
    if (size > MAX_ACTION_BODY_BYTES) {
      await reader.cancel();
      return new AppError(
        "PAYLOAD_TOO_LARGE",
        `The request body is larger than ${MAX_ACTION_BODY_BYTES / 1024} KiB.`,
      );
    }
  }
}
