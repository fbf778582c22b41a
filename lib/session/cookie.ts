import { env } from "../env";
import { clientAddressFrom } from "../http/client-address";

/** Cookie names and flags. `__Host-` (Secure, Path=/, no Domain) wherever the request arrived over HTTPS. */
export const COOKIE_NAME = "kc_session";
export const SECURE_COOKIE_NAME = "__Host-kc_session";

export type CookieOptions = {
  httpOnly: true;
  sameSite: "lax";
  path: "/";
  secure: boolean;
  maxAge: number;
};

export function cookieNameFor(https: boolean): string {
  return https ? SECURE_COOKIE_NAME : COOKIE_NAME;
}

export function cookieOptions(https: boolean, maxAgeSeconds: number): CookieOptions {
  return { httpOnly: true, sameSite: "lax", path: "/", secure: https, maxAge: maxAgeSeconds };
}

/** A Set-Cookie value that deletes `name`, with the flags it was set with (a `__Host-` cookie needs Secure). */
export function clearingCookieHeader(name: string, https: boolean): string {
  return `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=lax${https ? "; Secure" : ""}`;
}

/** HTTPS as seen by the client: Vercel and most proxies terminate TLS and say so in x-forwarded-proto. */
export function isHttpsRequest(headers: Headers): boolean {
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/** A coarse ip for "your sessions": /24 for IPv4, /48 for IPv6. Enough to recognise, not to track. */
export function coarseIp(headers: Headers): string | null {
  const ip = clientIp(headers);
  const v4 = ip.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (ip.includes(":")) return `${ip.split(":").slice(0, 3).join(":")}::/48`;
  return null;
}

/**
 * The client's address as TRUST_PROXY says to read it (lib/http/client-address.ts): the one place
 * every per-ip throttle gets its key from. Never stored with a session (coarseIp is).
 */
export function clientIp(headers: Headers): string {
  return clientAddressFrom(headers, env().trustProxy);
}

/**
 * Read-your-writes across instances (docs/decisions/035): the time of this browser's last write,
 * set by the instance that wrote. No cached entry filled before that time plus FRESH_SKEW_MS (the
 * clocks of two instances may differ by that much) answers this browser; the database does. It
 * only ever makes a read go to the database, so it needs no seal: a forged value costs its sender.
 */
export const FRESH_COOKIE = "kc_fresh";
export const FRESH_SKEW_MS = 1000;
/** Long after any notification has arrived or the listener's lease has stopped the cache. */
export const FRESH_MAX_AGE_SECONDS = 60;

/** The time before which cached entries may not answer, from the cookie's value (0: any entry). */
export function freshAfter(value: string | undefined): number {
  const written = Number(value);
  return Number.isSafeInteger(written) && written > 0 ? written + FRESH_SKEW_MS : 0;
}
