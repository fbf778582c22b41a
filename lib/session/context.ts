import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "../env";
import type { SessionRecord } from "./store";

/**
 * proxy.ts resolves the session of a page request (so an outage can answer a real 503 and a dead
 * cookie can be cleared) and hands the result to the render in this request header, signed so
 * that nothing a client sends can pose as it. See docs/decisions/004-proxy-resolves-pages.md.
 */
export const CONTEXT_HEADER = "x-keepcart-session";
const MAX_AGE_MS = 60_000;

function key(): Buffer {
  const secrets = env().sessionSecrets;
  const newest = Math.max(...Object.keys(secrets).map(Number));
  return createHmac("sha256", secrets[String(newest)]!).update("keepcart proxy context v1").digest();
}

function mac(payload: string): string {
  return createHmac("sha256", key()).update(payload).digest("base64url");
}

export function encodeContext(session: SessionRecord | null, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ s: session, iat: now })).toString("base64url");
  return `${payload}.${mac(payload)}`;
}

/** The session the proxy resolved, or undefined when the header is absent, stale or not ours. */
export function decodeContext(
  value: string | null,
  now = Date.now(),
): { session: SessionRecord | null } | undefined {
  if (!value) return undefined;
  const [payload, signature] = value.split(".");
  if (!payload || !signature) return undefined;
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const parsed = JSON.parse(Buffer.from(payload, "base64url").toString()) as {
    s: SessionRecord | null;
    iat: number;
  };
  if (now - parsed.iat > MAX_AGE_MS) return undefined;
  const s = parsed.s;
  if (!s) return { session: null };
  return {
    session: {
      ...s,
      createdAt: new Date(s.createdAt),
      lastSeenAt: new Date(s.lastSeenAt),
      absoluteExpiresAt: new Date(s.absoluteExpiresAt),
    },
  };
}
