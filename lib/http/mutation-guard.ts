import { AppError } from "../errors";
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
