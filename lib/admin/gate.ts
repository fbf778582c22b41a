import { createHmac, randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import { claimAttempt, releaseAttempt } from "../auth/throttle";
import { withDb } from "../db";
import { AppError, toAppError } from "../errors";
import { log } from "../log";
import { clientIp } from "../session/cookie";
import { CONTROL_CHARACTERS } from "../validation";
import { adminConfig, parseBasicAuth, verifyAdminCredentials } from "./credentials";

export const ADMIN_REALM = 'Basic realm="Keepcart admin"';
// Per ip and per staff name, 15-minute window (lib/auth/throttle.ts): slowed after 3 failures,
// refused past the limit. The name's limit is lower: one account guessed from many ips.
const IP_LIMIT = 20;
const NAME_LIMIT = 10;

export type AdminCheck =
  | { ok: true; username: string }
  | { ok: false; status: 401 | 429; retryAfterSeconds?: number };

/**
 * Basic auth sends the password with every request, and scrypt costs ~60 ms. A credential that has
 * just verified is remembered for a few minutes under an HMAC with a per-process key (the password
 * itself is never kept), so pages, their RSC fetches and actions do not each pay for a scrypt.
 */
const cacheKey = randomBytes(32);
const verified = new LRUCache<string, string>({ max: 256, ttl: 5 * 60_000 });

function fingerprint(config: string, username: string, password: string): string {
  return createHmac("sha256", cacheKey).update(`${config}\0${username}\0${password}`).digest("base64url");
}

/** Whether the request carries valid staff credentials. Attempts are counted per ip and name in PostgreSQL. */
export async function checkAdmin(headers: Headers, now = new Date()): Promise<AdminCheck> {
  const config = adminConfig();
  const credentials = parseBasicAuth(headers.get("authorization"));
  if (!credentials || config.users.length === 0) return { ok: false, status: 401 };
  const key = fingerprint(config.source, credentials.username, credentials.password);
  const known = verified.get(key);
  if (known) return { ok: true, username: known };

  const ip = clientIp(headers);
  const rules = [
    { key: `admin-ip:${ip}`, limit: IP_LIMIT },
    // A name is attacker-chosen text that becomes a row key: bounded, and no NUL for PostgreSQL.
    {
      key: `admin-user:${credentials.username.slice(0, 100).toLowerCase().replace(CONTROL_CHARACTERS, "?")}`,
      limit: NAME_LIMIT,
    },
  ];
  const state = await withDb((db) => claimAttempt(db, rules, now));
  if (state.retryAfterSeconds !== null) {
    return { ok: false, status: 429, retryAfterSeconds: state.retryAfterSeconds };
  }
  if (state.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.delayMs));
  const username = await verifyAdminCredentials(config.users, credentials.username, credentials.password);
  if (!username) {
    log.warn("admin sign-in failed", { ip });
    return { ok: false, status: 401 };
  }
  // Staff are trusted once in: both counters start again.
  await withDb((db) =>
    releaseAttempt(
      db,
      rules,
      rules.map((r) => r.key),
    ),
  );
  verified.set(key, username);
  return { ok: true, username };
}

/** The staff member making this request, or an AppError (UNAUTHENTICATED / TOO_MANY_REQUESTS). */
export async function adminFromHeaders(headers: Headers): Promise<string> {
  const check = await checkAdmin(headers);
  if (check.ok) return check.username;
  if (check.status === 429) {
    throw new AppError("TOO_MANY_REQUESTS", "Too many wrong staff passwords from here. Try again later.", {
      retryAfterSeconds: check.retryAfterSeconds,
    });
  }
  throw new AppError("UNAUTHENTICATED", "Staff sign-in required.");
}

/**
 * For proxy.ts: null lets the request through; otherwise the answer to send. 401 carries the
 * challenge so the browser asks for a name and password; an outage is a 503, never an open door.
 */
export async function adminGateResponse(headers: Headers, requestId: string): Promise<Response | null> {
  const common = { "cache-control": "no-store", "x-request-id": requestId };
  try {
    const check = await checkAdmin(headers);
    if (check.ok) return null;
    if (check.status === 429) {
      return new Response("Too many wrong staff passwords from here. Try again later.\n", {
        status: 429,
        headers: { ...common, "retry-after": String(check.retryAfterSeconds ?? 60) },
      });
    }
    return new Response("Staff sign-in required.\n", {
      status: 401,
      headers: { ...common, "www-authenticate": ADMIN_REALM },
    });
  } catch (error) {
    const appError = toAppError(error);
    log.error("admin gate failed", { requestId, error: appError.details?.cause ?? appError });
    return new Response(`${appError.message}\n`, {
      status: appError.status,
      headers: { ...common, "retry-after": "5" },
    });
  }
}

/** /admin and /api/admin, however the path is spelled (case, percent-encoding). */
export function isAdminPath(pathname: string): boolean {
  let path = pathname;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    // malformed escapes: judge the raw path
  }
  return /^\/+(api\/+)?admin(\/|$)/i.test(path);
}
