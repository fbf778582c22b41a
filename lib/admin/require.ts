import "server-only";
import { headers } from "next/headers";
import { type ActionResult, runAction } from "../action-result";
import { apiRoute, json } from "../http/api";
import { assertSameOrigin } from "../http/same-origin";
import { ADMIN_REALM, adminFromHeaders } from "./gate";

/**
 * Every admin page, server action and route checks the credentials itself: proxy.ts guards the
 * /admin paths, but a server action can be posted to any path (docs/decisions/010-admin-credentials.md).
 */
export async function requireAdmin(): Promise<string> {
  return adminFromHeaders(await headers());
}

/**
 * A server action body run as the signed-in staff member: the shop's `runAction` (same result
 * shape, same logging) after the staff check. Expected failures come back as `{ ok: false }`.
 */
export async function adminAction<T>(
  name: string,
  body: (actor: string) => Promise<T>,
): Promise<ActionResult<T>> {
  return runAction(`admin ${name}`, async () => {
    // Staff product-form posts (picture uploads) skip proxy.ts, so the origin is checked here for all.
    const requestHeaders = await headers();
    assertSameOrigin(requestHeaders);
    return body(await adminFromHeaders(requestHeaders));
  });
}

/**
 * A JSON route under /api/admin: the shop's `apiRoute` (writes must come from this site: browsers
 * attach basic credentials to any request; a JSON body is read with the shop's size limit by
 * `readJson`; failures answer as the shop's API does) with the staff check, a 401 carrying the
 * staff challenge.
 */
export function adminRoute(
  request: Request,
  name: string,
  body: (actor: string) => Promise<unknown>,
): Promise<Response> {
  const route = apiRoute(async () => json(await body(await requireAdmin())), {
    what: `admin ${name}`,
    challenge: ADMIN_REALM,
  });
  return route(request, undefined);
}
