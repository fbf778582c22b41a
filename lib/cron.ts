import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "./env";
import { AppError } from "./errors";

/**
 * Vercel Cron calls a route with `Authorization: Bearer $CRON_SECRET`. Anything else is refused.
 * Fails closed: a production deployment without CRON_SECRET answers 503 rather than run for anyone.
 * Only a development server without a secret lets a plain request through (for trying it locally).
 */
export function authorizeCron(
  authorization: string | null,
  e: { CRON_SECRET?: string; isProduction: boolean } = env(),
): void {
  if (!e.CRON_SECRET) {
    if (!e.isProduction) return;
    throw new AppError(
      "UNAVAILABLE",
      "Scheduled jobs are not configured: set CRON_SECRET for this environment.",
    );
  }
  const given = /^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? "";
  if (!sameSecret(given, e.CRON_SECRET)) {
    throw new AppError("UNAUTHENTICATED", "A valid cron bearer token is required.");
  }
}

/** Constant-time, whatever the lengths: compare digests, not the strings. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
