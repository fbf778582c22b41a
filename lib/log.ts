import { env } from "./env";
import { type AppError, isServerFailure, toAppError } from "./errors";

type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

// Keys whose values never reach a log line, whatever the caller passes.
const SECRET_KEYS = /(password|token|cookie|secret|authorization|seal|card)/i;

// Values that are secrets whatever their key: card-like numbers (13–19 digits in a run, or in groups
// of 4 / 4-6-5 split by a space, dash or %20) and iron-session seals. A path or a database error
// message can carry either. Whole words only, so a request id's hex groups are left alone.
const SEP = "(?:[ -]|%20)";
const CARD_LIKE = new RegExp(
  `\\b(?:\\d{13,19}|(?:\\d{4}${SEP}){3}\\d{1,7}|\\d{4}${SEP}\\d{6}${SEP}\\d{5})\\b`,
  "g",
);
const SEAL = /Fe26\.2\*[^\s"',;]+/g;

export function scrub(text: string): string {
  return text.replace(SEAL, "[redacted-seal]").replace(CARD_LIKE, "[redacted-number]");
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === "string") return scrub(value);
  if (value instanceof Error) return { name: value.name, message: scrub(value.message), code: codeOf(value) };
  if (depth >= 3) return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  if (value && Object.getPrototypeOf(value) === Object.prototype) {
    return redact(value as Record<string, unknown>, depth + 1);
  }
  return value;
}

function redact(fields: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = SECRET_KEYS.test(key) ? "[redacted]" : redactValue(value, depth);
  }
  return out;
}

function codeOf(error: Error): unknown {
  return (error as { code?: unknown }).code;
}

function threshold(): number {
  try {
    return order[env().LOG_LEVEL];
  } catch {
    return order.info; // a log line about a broken environment must still be written
  }
}

/** One JSON line per event on stdout/stderr; a platform's log drain reads them as they are. */
function write(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
  if (order[level] < threshold()) return;
  const line = JSON.stringify({ level, time: new Date().toISOString(), msg: scrub(msg), ...redact(fields) });
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};

/**
 * The one place a failed request is logged: outages (UNAVAILABLE) and bugs (INTERNAL), with their
 * cause; expected failures (bad input, sign-in, stock) are answers, not log lines. Used by actions
 * (runAction), API and staff routes (errorResponse), the proxy and the staff gate. Returns the AppError.
 */
export function logFailure(message: string, error: unknown, fields: Record<string, unknown> = {}): AppError {
  const appError = toAppError(error);
  if (isServerFailure(appError.code)) {
    log.error(message, { ...fields, code: appError.code, error: appError.details?.cause ?? appError });
  }
  return appError;
}
