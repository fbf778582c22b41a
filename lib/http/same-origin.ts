import { AppError } from "../errors";

/**
 * CSRF check for cookie-authenticated mutations (README, "JSON API").
 * A browser always sends Origin on a POST/PATCH/DELETE: it must name this host (x-forwarded-host
 * behind a proxy such as Vercel's, else Host). With no Origin, Sec-Fetch-Site must not say the
 * request came from another site; with neither header it is not a browser (curl, a native app),
 * which cannot be tricked into sending someone else's cookie.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  if (origin !== null) {
    if (host && originHost(origin) === host.toLowerCase()) return;
    throw forbidden();
  }
  const site = request.headers.get("sec-fetch-site");
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
