import { sealData, unsealData } from "iron-session";
import { LRUCache } from "lru-cache";
import { env } from "../env";

/** Cookies longer than this are not ours (ours are ~250 bytes): refused before any crypto. */
const MAX_SEAL_LENGTH = 1024;

/**
 * Unsealing costs ~0.5 ms of CPU. A verified seal maps to the same session id until it expires, so
 * we remember exact seal → session id. Safe because the key is the whole authenticated string (any
 * change is a miss), entries die with the seal's own expiry, and revocation is checked in the
 * database on every request anyway. See docs/decisions/003-seal-cache.md.
 */
const verified = new LRUCache<string, string>({ max: 10_000 });

export async function sealToken(token: string, ttlSeconds: number): Promise<string> {
  return sealData({ t: token }, { password: env().sessionSecrets, ttl: ttlSeconds });
}

/** The token inside a cookie value, or null for anything tampered, foreign, expired or malformed. */
export async function unsealToken(seal: string, maxTtlSeconds: number): Promise<string | null> {
  if (seal.length === 0 || seal.length > MAX_SEAL_LENGTH) return null;
  const cached = verified.get(seal);
  if (cached) return cached;
  const data = await unsealData<{ t?: unknown }>(seal, {
    password: env().sessionSecrets,
    ttl: maxTtlSeconds,
  });
  const token = typeof data.t === "string" && data.t.length >= 43 ? data.t : null;
  if (token) {
    const ttl = sealExpiresAt(seal) - Date.now();
    if (ttl > 0) verified.set(seal, token, { ttl });
  }
  return token;
}

/** Iron seals carry their expiry (ms since epoch) as the 6th `*`-separated field. */
function sealExpiresAt(seal: string): number {
  const expiration = Number(seal.split("*")[5]);
  return Number.isFinite(expiration) && expiration > 0 ? expiration : 0;
}

export function forgetSeal(seal: string): void {
  verified.delete(seal);
}
