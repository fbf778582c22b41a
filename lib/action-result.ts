import "server-only";
import { headers } from "next/headers";
import type { z } from "zod";
import { AppError, type ErrorCode, toAppError } from "./errors";
import { log } from "./log";

/**
 * What every server action returns: the same shape for every form, so one component shows errors.
 * `fields` maps each invalid input to its message (all of them at once); `field` is the first.
 */
export type FieldErrors = Record<string, string>;
export type ActionError = { code: ErrorCode; message: string; field?: string; fields?: FieldErrors };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** Form fields as plain strings (files and repeated keys ignored): the input of every zod schema. */
export function formFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !key.startsWith("$ACTION") && !(key in fields)) fields[key] = value;
  }
  return fields;
}

/**
 * Parses input with a zod schema. Invalid input is one BAD_INPUT AppError that carries every invalid
 * field's first message (`fields`), so a form can mark them all at once; its message and `field` are
 * the first problem's.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const name = issue.path.length ? String(issue.path[0]) : undefined;
    if (name !== undefined && !(name in fields)) fields[name] = issue.message;
  }
  const first = parsed.error.issues[0]!;
  const field = first.path.length ? String(first.path[0]) : undefined;
  throw new AppError("BAD_INPUT", first.message, { field, fields: field ? fields : undefined });
}

/**
 * Runs an action body: expected failures (AppError) become `{ ok: false, error }` for the form to
 * show; outages and bugs are logged with the request id first. Never throws, so nothing is lost.
 */
export async function runAction<T>(name: string, body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    const data = await body();
    return { ok: true, data };
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "UNAVAILABLE" || appError.code === "INTERNAL") {
      const requestId = (await headers()).get("x-request-id") ?? undefined;
      log.error(`action ${name} failed`, {
        requestId,
        code: appError.code,
        error: appError.details?.cause ?? error,
      });
    }
    return { ok: false, error: actionError(appError) };
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
