import "server-only";
import { headers } from "next/headers";
import type { AppError, ErrorCode } from "./errors";
import { logFailure } from "./log";

/**
 * What every server action returns: the same shape for every form, so one component shows errors.
 * `fields` maps each invalid input to its message (all of them at once); `field` is the first.
 */
export type FieldErrors = Record<string, string>;
export type ActionError = { code: ErrorCode; message: string; field?: string; fields?: FieldErrors };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/**
 * Runs an action body: expected failures (AppError) become `{ ok: false, error }` for the form to
 * show; outages and bugs are logged with the request id first. Never throws, so nothing is lost.
 */
export async function runAction<T>(name: string, body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    const data = await body();
    return { ok: true, data };
  } catch (error) {
    const appError = logFailure(`action ${name} failed`, error, { requestId: await requestId() });
    return { ok: false, error: actionError(appError) };
  }
}

/** The request id proxy.ts stamped, for the log line; none outside a request (a unit test). */
async function requestId(): Promise<string | undefined> {
  try {
    return (await headers()).get("x-request-id") ?? undefined;
  } catch {
    return undefined;
  }
}

/** An AppError as a form shows it: an error naming one field (stock, an unknown address) marks that field. */
function actionError(error: AppError): ActionError {
  const { field, fields } = error.details ?? {};
  return {
    code: error.code,
    message: error.message,
    field,
    fields: fields ?? (field ? { [field]: error.message } : undefined),
  };
}
