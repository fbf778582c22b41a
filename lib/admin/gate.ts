import { createHmac, randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import {
  cookieFromHeader,
  deviceCookieName,
  deviceSetCookieHeader,
  nonceFor,
  readDeviceCookie,
  sealWithAccount,
} from "../auth/device-cookie";
import { claimAttempt, releaseAttempt, type ThrottleRule } from "../auth/throttle";
import { withDb } from "../database";
import { AppError, httpStatus } from "../errors";
import { log, logFailure } from "../log";
import { clientIp, isHttpsRequest } from "../session/cookie";
import { CONTROL_CHARACTERS } from "../validation";
import { adminConfig, parseBasicAuth, verifyAdminCredentials } from "./credentials";

export const ADMIN_REALM = 'Basic realm="Keepcart admin"';
// Per ip and per staff name, 15-minute window (lib/auth/throttle.ts): slowed after 3 failures,
// refused past the limit. The name's limit is lower: one account guessed from many ips. A browser
// that has signed in as that name before (a staff device cookie) is counted on its own instead, so
// a flood of wrong passwords never shuts the staff member out (docs/decisions/028-device-cookies.md).
const IP_LIMIT = 20;
const NAME_LIMIT = 10;

export type AdminCheck =
  /** `setCookie`: a staff device cookie for this browser, which did not carry one for this name. */
  | { ok: true; username: string; setCookie?: string }
  | { ok: false; status: 401 | 429; retryAfterSeconds?: number };

/**
 * Basic auth sends the password with every request, and scrypt costs ~60 ms. A credential that has
 * just verified is remembered for a few minutes under an HMAC with a per-process key (the password
 * itself is never kept), so pages, their RSC fetches and actions do not each pay for a scrypt.
 */
const cacheKey = randomBytes(32);
const verified = new LRUCache<string, string>({ max: 256, ttl: 5 * 60_000 });

/** Tests: make the next check verify (and count) again, as a new process would. */
export function forgetVerifiedCredentials(): void {
  verified.clear();
}

function fingerprint(config: string, username: string, password: string): string {
  return createHmac("sha256", cacheKey).update(`${config}\0${username}\0${password}`).digest("base64url");
}

/** Whether the request carries valid staff credentials. Attempts are counted per ip and name in PostgreSQL. */
export async function checkAdmin(headers: Headers, now = new Date()): Promise<AdminCheck> {
  const config = adminConfig();
  const credentials = parseBasicAuth(headers.get("authorization"));
  if (!credentials || config.users.length === 0) return { ok: false, status: 401 };
  const name = credentials.username.slice(0, 100).toLowerCase().replace(CONTROL_CHARACTERS, "?");
  const https = isHttpsRequest(headers);
  const devices = await readDeviceCookie(
    "staff",
    cookieFromHeader(headers.get("cookie"), deviceCookieName("staff", https)),
  );
  const nonce = nonceFor(devices, `staff:${name}`);
  const signedIn = async (username: string): Promise<AdminCheck> => {
    if (nonce) return { ok: true, username };
    const seal = await sealWithAccount("staff", devices, `staff:${name}`);
    return { ok: true, username, setCookie: deviceSetCookieHeader("staff", https, seal) };
  };
  const key = fingerprint(config.source, credentials.username, credentials.password);
  const known = verified.get(key);
  if (known) return signedIn(known);

  const ip = clientIp(headers);
  // A name is attacker-chosen text that becomes a row key: bounded, and no NUL for PostgreSQL.
  const rules: ThrottleRule[] = nonce
    ? [{ key: `admin-device:${name}:${nonce}`, limit: NAME_LIMIT }]
    : [
        { key: `admin-ip:${ip}`, limit: IP_LIMIT },
        { key: `admin-user:${name}`, limit: NAME_LIMIT },
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
  // The ip and this browser start again; the name's shared counter does not (a guesser would get
  // a fresh ten each time the staff member signs in).
  const cleared = rules.map((r) => r.key).filter((k) => !k.startsWith("admin-user:"));
  await withDb((db) => releaseAttempt(db, rules, cleared));
  verified.set(key, username);
  return signedIn(username);
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
 * For proxy.ts: `denied` is the answer to send; otherwise the request goes on, setting `setCookie`
 * (the staff device cookie) if given. 401 carries the challenge so the browser asks for a name and
 * password; an outage is a 503, never an open door.
 */
export async function adminGate(
  headers: Headers,
  requestId: string,
): Promise<{ denied: Response } | { denied?: undefined; setCookie?: string }> {
  const denied = (response: Response) => ({ denied: response });
  const common = { "cache-control": "no-store", "x-request-id": requestId };
  try {
    const check = await checkAdmin(headers);
    if (check.ok) return { setCookie: check.setCookie };
    if (check.status === 429) {
      return denied(
        new Response("Too many wrong staff passwords from here. Try again later.\n", {
          status: httpStatus("TOO_MANY_REQUESTS"),
          headers: { ...common, "retry-after": String(check.retryAfterSeconds ?? 60) },
        }),
      );
    }
    return denied(
      new Response("Staff sign-in required.\n", {
        status: httpStatus("UNAUTHENTICATED"),
        headers: { ...common, "www-authenticate": ADMIN_REALM },
      }),
    );
  } catch (error) {
    const appError = logFailure("admin gate failed", error, { requestId });
    return denied(
      new Response(`${appError.message}\n`, {
        status: httpStatus(appError.code),
        headers: { ...common, "retry-after": "5" },
      }),
    );
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
