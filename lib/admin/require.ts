import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import { AppError, type ErrorCode, toAppError } from "../errors";
import { assertSameOrigin } from "../http/same-origin";
import { log } from "../log";
import { ADMIN_REALM, adminFromHeaders } from "./gate";

/**
 * Every admin page, server action and route checks the credentials itself: proxy.ts guards the
 * /admin paths, but a server action can be posted to any path (docs/decisions/010-admin-credentials.md).
 */
export async function requireAdmin(): Promise<string> {
  return adminFromHeaders(await headers());
}

export type AdminActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: ErrorCode; message: string; field?: string } };

/** Form fields as plain strings (React's own $ACTION fields and files left out): the input of a zod schema. */
export function formFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !key.startsWith("$ACTION") && !(key in fields)) fields[key] = value;
  }
  return fields;
}

/** Parses input with a zod schema; the first problem becomes a BAD_INPUT AppError naming its field. */
export function parseAdminInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new AppError("BAD_INPUT", issue.message, {
    field: issue.path.length ? String(issue.path[0]) : undefined,
  });
}

async function logFailure(name: string, appError: AppError, error: unknown): Promise<void> {
  if (appError.code !== "UNAVAILABLE" && appError.code !== "INTERNAL") return;
  const requestId = (await headers()).get("x-request-id") ?? undefined;
  log.error(`admin ${name} failed`, {
    requestId,
    code: appError.code,
    error: appError.details?.cause ?? error,
  });
}

/** A server action body run as the signed-in staff member; expected failures come back as `{ ok: false }`. */
export async function adminAction<T>(
  name: string,
  body: (actor: string) => Promise<T>,
): Promise<AdminActionResult<T>> {
  try {
    // Some admin actions (picture uploads) skip proxy.ts, so the origin is checked here for all.
    const requestHeaders = await headers();
    assertSameOrigin(requestHeaders);
    const actor = await adminFromHeaders(requestHeaders);
    return { ok: true, data: await body(actor) };
  } catch (error) {
    const appError = toAppError(error);
    await logFailure(name, appError, error);
    return {
      ok: false,
      error: { code: appError.code, message: appError.message, field: appError.details?.field },
    };
  }
}

/**
 * A JSON route under /api/admin: credentials checked; writes must come from this site (browsers
 * attach basic credentials to any request, so Origin is checked as for the shop's API) and carry a
 * JSON body, read with the shop's size limit by `readJson`; errors mapped by AppError.status.
 */
export async function adminRoute(
  request: Request,
  name: string,
  body: (actor: string) => Promise<unknown>,
): Promise<Response> {
  const noStore = { "cache-control": "no-store" };
  try {
    if (request.method !== "GET") assertSameOrigin(request);
    const actor = await requireAdmin();
    return Response.json(await body(actor), { headers: noStore });
  } catch (error) {
    const appError = toAppError(error);
    await logFailure(name, appError, error);
    const extra: Record<string, string> = {};
    if (appError.code === "UNAUTHENTICATED") extra["www-authenticate"] = ADMIN_REALM;
    if (appError.details?.retryAfterSeconds)
      extra["retry-after"] = String(appError.details.retryAfterSeconds);
    if (appError.code === "UNAVAILABLE") extra["retry-after"] = "5";
    return Response.json(
      { error: { code: appError.code, message: appError.message, field: appError.details?.field } },
      { status: appError.status, headers: { ...noStore, ...extra } },
    );
  }
}
