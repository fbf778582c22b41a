import { type NextRequest, NextResponse } from "next/server";
import { adminGate, isAdminPath } from "@/lib/admin/gate";
import { confirmDatabaseIfSuspect } from "@/lib/database";
import { type AppError, httpStatus } from "@/lib/errors";
import { errorResponse } from "@/lib/http/api";
import {
  misplacedActionRefusal,
  mutationRefusal,
  requestRefusal,
  streamedBodyRefusal,
} from "@/lib/http/mutation-guard";
import { logFailure } from "@/lib/log";
import {
  API_CSP,
  applySecurityHeaders,
  HSTS,
  newNonce,
  pageCsp,
  UNAVAILABLE_PAGE_CSP,
} from "@/lib/security-headers";
import { CONTEXT_HEADER, encodeContext } from "@/lib/session/context";
import {
  clearingCookieHeader,
  cookieNameFor,
  FRESH_COOKIE,
  freshAfter,
  isHttpsRequest,
} from "@/lib/session/cookie";
import { resolveSessionCookie } from "@/lib/session/resolve";
import { unavailablePage } from "@/lib/unavailable-page";

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Every request: a request id. Page renders (GET, not a server action, not a prefetch): the session
 * is resolved here, once, so that a database outage answers a real 503 page and a dead cookie is
 * cleared (a server component cannot set cookies). The render reads the signed result.
 * Every response gets its content security policy here (a fresh script nonce per page).
 */
export async function proxy(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.delete(CONTEXT_HEADER); // only this proxy may say what the session is
  const incomingId = request.headers.get("x-request-id");
  const requestId = incomingId && REQUEST_ID.test(incomingId) ? incomingId : crypto.randomUUID();
  requestHeaders.set("x-request-id", requestId);
  const https = isHttpsRequest(request.headers);
  const csp = request.nextUrl.pathname.startsWith("/api/")
    ? API_CSP
    : pageCsp({ nonce: newNonce(), https, dev: process.env.NODE_ENV === "development" });
  // Next.js takes the nonce for the scripts it renders from this request header.
  requestHeaders.set("content-security-policy", csp);

  // Undecodable paths, TRACE, and cross-site, oversized or undecodable mutations stop here,
  // whatever path they were sent to: Next.js would answer them with a bare 500.
  const refused =
    requestRefusal(request, request.nextUrl.pathname) ??
    mutationRefusal(request) ??
    (await streamedBodyRefusal(request)) ??
    misplacedActionRefusal(request);
  if (refused) return refusalResponse(refused, requestId, https);

  // Staff area: HTTP basic auth before anything else. Pages, actions and routes check again themselves.
  let staffDeviceCookie: string | undefined;
  if (isAdminPath(request.nextUrl.pathname)) {
    const gate = await adminGate(request.headers, requestId);
    // Answered before the app runs, so it carries the full set itself.
    if (gate.denied) {
      applySecurityHeaders(gate.denied.headers, { csp: API_CSP, https });
      return gate.denied;
    }
    staffDeviceCookie = gate.setCookie;
  }

  let clearCookie: string | undefined;
  if (isPageRender(request)) {
    const name = cookieNameFor(https);
    try {
      const seal = request.cookies.get(name)?.value;
      // After an outage, probe first: the session may come from the cache, the page's data will not.
      await confirmDatabaseIfSuspect();
      // Read-your-writes: never a cached entry older than this browser's own last write (kc_fresh),
      // which may have been made on another instance whose notification has not arrived yet.
      const { session, invalidCookie } = await resolveSessionCookie(
        seal,
        new Date(),
        freshAfter(request.cookies.get(FRESH_COOKIE)?.value),
      );
      requestHeaders.set(CONTEXT_HEADER, encodeContext(session));
      if (invalidCookie) clearCookie = name;
    } catch (error) {
      const appError = logFailure("page request failed in proxy", error, {
        requestId,
        path: request.nextUrl.pathname,
      });
      if (appError.code !== "UNAVAILABLE") throw error;
      return unavailableResponse(requestId, https);
    }
  }

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("x-request-id", requestId);
  response.headers.set("content-security-policy", csp);
  // Also in next.config.ts; set here too so it never depends on how a platform matches `has` conditions.
  if (https) response.headers.set(HSTS.key, HSTS.value);
  // A raw header, not response.cookies: Next.js mirrors proxy cookies into the render, and a render
  // that redirects (requireUser) then sent a second, expiry-less copy of this one.
  if (clearCookie) response.headers.append("set-cookie", clearingCookieHeader(clearCookie, https));
  if (staffDeviceCookie) response.headers.append("set-cookie", staffDeviceCookie);
  return response;
}

function isPageRender(request: NextRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (request.headers.has("next-action") || request.headers.has("next-router-prefetch")) return false;
  const path = request.nextUrl.pathname;
  return !path.startsWith("/api/") && !path.startsWith("/admin");
}

function unavailableResponse(requestId: string, https: boolean): Response {
  const headers = new Headers({
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "retry-after": "5",
    "x-request-id": requestId,
  });
  // Answered before the app runs, so it carries the full set itself.
  applySecurityHeaders(headers, { csp: UNAVAILABLE_PAGE_CSP, https });
  return new Response(unavailablePage(), { status: httpStatus("UNAVAILABLE"), headers });
}

/** A 4xx from the proxy: the API's JSON error shape, with the security headers. */
function refusalResponse(error: AppError, requestId: string, https: boolean): Response {
  const response = errorResponse(error, requestId);
  if (error.code === "METHOD_NOT_ALLOWED")
    response.headers.set("allow", "GET, HEAD, POST, PATCH, DELETE, OPTIONS");
  response.headers.set("x-request-id", requestId);
  applySecurityHeaders(response.headers, { csp: API_CSP, https });
  return response;
}

export const config = {
  // Static files, icons and product pictures (/images/<hash>, served from the database, no session).
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|icon.svg|apple-icon.png|robots.txt|sitemap.xml|images/|admin/products).*)",
    // Staff product forms post pictures of up to 5 MB as server actions. Next buffers a copy of every
    // body the proxy sees (proxyClientMaxBodySize, kept small so no body can grow memory), so those
    // posts skip the proxy; their action checks the origin and the staff sign-in itself (adminAction)
    // and Next caps the body (serverActions.bodySizeLimit). The pages themselves still pass here.
    { source: "/admin/products/:path*", missing: [{ type: "header", key: "next-action" }] },
    { source: "/admin/products", missing: [{ type: "header", key: "next-action" }] },
  ],
};
