import "server-only";
import { errorResponse } from "../http/api";
import { readImage } from "./store";

// The URL names the content (decision 030): a year, and never revalidated.
const FOREVER = "public, max-age=31536000, immutable";

/** GET /images/<hash>[/<width>]: the WebP bytes, cached for good; 404 (not cached) for anything unknown. */
export async function serveImage(request: Request, hash: string, widthText?: string): Promise<Response> {
  try {
    const width = widthText === undefined ? null : /^[1-9]\d{0,4}$/.test(widthText) ? Number(widthText) : -1;
    const bytes = width === -1 ? null : await readImage(hash, width);
    if (!bytes) {
      return new Response("Not found", {
        status: 404,
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      });
    }
    const etag = `"${hash}${width ? `-${width}` : ""}"`;
    const headers = { "cache-control": FOREVER, etag, "content-type": "image/webp" };
    if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: { ...headers, "content-length": String(bytes.byteLength) },
    });
  } catch (error) {
    return errorResponse(error, request.headers.get("x-request-id"));
  }
}
