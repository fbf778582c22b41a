import { randomBytes } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import { env } from "../env";
import { cookieOptions } from "../session/cookie";

/**
 * OWASP's device cookies (docs/decisions/028-device-cookies.md): a browser that has signed in to an
 * account carries a sealed cookie naming that account and a random nonce. Guesses from it are
 * counted for that cookie alone; guesses from browsers without one share the per-account and per-ip
 * limits. So a flood from elsewhere never locks the owner's own browser out, and a stolen cookie
 * that guesses is locked out on its own.
 *
 * One cookie per kind holds the few most recent accounts this browser signed in to. It is sealed
 * with the session secrets (iron-session, as lib/session/seal.ts) and carries a purpose, so a
 * session seal is never a device seal or the other way round. No imports from next/*: proxy.ts
 * (staff) and the login (shoppers) both read it.
 */
export type DeviceKind = "shopper" | "staff";
const NAMES: Record<DeviceKind, { plain: string; secure: string }> = {
  shopper: { plain: "kc_device", secure: "__Host-kc_device" },
  staff: { plain: "kc_staff_device", secure: "__Host-kc_staff_device" },
};
export const DEVICE_TTL_SECONDS = 365 * 24 * 3600;
const MAX_ACCOUNTS = 5;
const MAX_SEAL_LENGTH = 2048;

export type DeviceEntry = { a: string; n: string };
type Payload = { p: string; d: DeviceEntry[] };

export function deviceCookieName(kind: DeviceKind, https: boolean): string {
  return https ? NAMES[kind].secure : NAMES[kind].plain;
}

export function deviceCookieOptions(https: boolean) {
  return cookieOptions(https, DEVICE_TTL_SECONDS);
}

/** The same cookie as a raw Set-Cookie value, for proxy.ts (staff sign-in happens there). */
export function deviceSetCookieHeader(kind: DeviceKind, https: boolean, seal: string): string {
  const name = deviceCookieName(kind, https);
  return `${name}=${seal}; Path=/; Max-Age=${DEVICE_TTL_SECONDS}; HttpOnly; SameSite=lax${https ? "; Secure" : ""}`;
}

/** The accounts (with their nonces) a device cookie vouches for; [] for anything not ours. */
export async function readDeviceCookie(kind: DeviceKind, seal: string | undefined): Promise<DeviceEntry[]> {
  if (!seal || seal.length > MAX_SEAL_LENGTH) return [];
  try {
    const data = await unsealData<Partial<Payload>>(seal, {
      password: env().sessionSecrets,
      ttl: DEVICE_TTL_SECONDS,
    });
    if (data.p !== `device:${kind}` || !Array.isArray(data.d)) return [];
    return data.d.filter(
      (e): e is DeviceEntry => typeof e?.a === "string" && typeof e?.n === "string" && e.n.length >= 16,
    );
  } catch {
    return [];
  }
}

/** This device's nonce for `account`, if the cookie vouches for it. */
export function nonceFor(entries: DeviceEntry[], account: string): string | null {
  return entries.find((e) => e.a === account)?.n ?? null;
}

/** A new seal: `account` with a fresh nonce first, the other accounts after it (at most five). */
export async function sealWithAccount(
  kind: DeviceKind,
  entries: DeviceEntry[],
  account: string,
): Promise<string> {
  const d = [
    { a: account, n: randomBytes(16).toString("base64url") },
    ...entries.filter((e) => e.a !== account),
  ].slice(0, MAX_ACCOUNTS);
  return sealData({ p: `device:${kind}`, d } satisfies Payload, {
    password: env().sessionSecrets,
    ttl: DEVICE_TTL_SECONDS,
  });
}

/** A cookie's value from a raw Cookie header (proxy.ts and basic auth have headers, not a jar). */
export function cookieFromHeader(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
