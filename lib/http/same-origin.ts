import { AppError } from "../errors";

/**
 * Paths called server-to-server by a third party that signs its requests: the signature, checked
 * by the route over the raw body, is their proof of origin, and they carry no cookie to forge
 * (docs/decisions/032). Exempt from the same-origin check only; every other guard still applies.
 */
export const SAME_ORIGIN_EXEMPT_PATHS: ReadonlySet<string> = new Set(["/api/payments/stripe/webhook"]);

export function isSameOriginExempt(pathname: string): boolean {
  return SAME_ORIGIN_EXEMPT_PATHS.has(pathname);
}

/**
 * CSRF check for cookie-authenticated mutations (README, "JSON API").
 * A browser always sends Origin on a POST/PATCH/DELETE: it must name this host (x-forwarded-host
 * behind a proxy such as Vercel's, else Host). With no Origin, Sec-Fetch-Site must not say the
 * request came from another site; with neither header it is not a browser (curl, a native app),
 * which cannot be tricked into sending someone else's cookie.
 */
export function assertSameOrigin(request: Request | Headers): void {
  const headers = request instanceof Headers ? request : request.headers;
  const origin = headers.get("origin");
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (origin !== null) {
    if (host && originHost(origin) === host.toLowerCase()) return;
    throw forbidden();
  }
  const site = headers.get("sec-fetch-site");
  if (site === null || site === "same-origin" || site === "none") return;
  throw forbidden();
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null; // "null" (sandboxed frames, some redirects) or garbage: not this site
  }
}

function forbidden(): AppError {
  return new AppError("FORBIDDEN", "This request did not come from this site (Origin does not match).");
}
