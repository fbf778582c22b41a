/**
 * The client's address, for per-ip throttles and the coarse ip shown with a session. Who may say
 * what it is depends on how the app is reached (TRUST_PROXY, docs/decisions/029-client-address.md):
 *
 * - `none` (default off Vercel): a bare `next start`. Forwarding headers are the client's own words
 *   and are ignored; the socket address is read from a header this process stamps on every request
 *   itself, under a name drawn at random at start-up that no client can guess (lib/http/peer-stamp.ts).
 * - N (1, 2…): behind N proxies of ours, each appending to X-Forwarded-For; the address is the Nth
 *   entry from the right (the one our outermost proxy saw). Entries left of it are the client's.
 * - `vercel` (default when VERCEL is set): Vercel's edge overwrites x-real-ip with the address it saw.
 *
 * No imports from the app: proxy.ts and every route use this one function.
 */
const STAMP = Symbol.for("keepcart.peer-header");
const METHOD_STAMP = Symbol.for("keepcart.method-header");
const UNKNOWN = "unknown";

export type TrustProxy = { mode: "none" } | { mode: "hops"; hops: number } | { mode: "vercel" };

/** TRUST_PROXY as written (`none`, a hop count, `vercel`), or its default when unset. */
export function parseTrustProxy(value: string | undefined, onVercel: boolean): TrustProxy | null {
  const v = value?.trim().toLowerCase();
  if (!v) return onVercel ? { mode: "vercel" } : { mode: "none" };
  if (v === "none" || v === "0") return { mode: "none" };
  if (v === "vercel") return { mode: "vercel" };
  if (/^[1-9]$/.test(v)) return { mode: "hops", hops: Number(v) };
  return null;
}

/**
 * The header this process stamps the socket address under, or null if it stamps none (a unit test).
 * Kept on globalThis: proxy.ts and the app's routes are separate bundles in one process.
 */
export function peerHeaderName(): string | null {
  const name = (globalThis as Record<symbol, unknown>)[STAMP];
  return typeof name === "string" ? name : null;
}

export function setPeerHeaderName(name: string): void {
  (globalThis as Record<symbol, unknown>)[STAMP] = name;
  (globalThis as Record<symbol, unknown>)[METHOD_STAMP] = `${name}-method`;
}

/** A method this process stood in for before Next.js saw the request (TRACE: see peer-stamp.ts). */
export function refusedMethod(headers: Headers): string | null {
  const name = (globalThis as Record<symbol, unknown>)[METHOD_STAMP];
  return typeof name === "string" ? headers.get(name) : null;
}

export function clientAddressFrom(
  headers: Headers,
  trust: TrustProxy,
  peerHeader = peerHeaderName(),
): string {
  switch (trust.mode) {
    case "vercel":
      return (
        clean(headers.get("x-real-ip")) ?? clean(headers.get("x-forwarded-for")?.split(",")[0]) ?? UNKNOWN
      );
    case "hops": {
      const hops = (headers.get("x-forwarded-for") ?? "")
        .split(",")
        .map((e) => e.trim())
        .filter(Boolean);
      // Fewer entries than proxies: the request skipped one of them; the leftmost is still the best guess.
      return clean(hops[Math.max(0, hops.length - trust.hops)]) ?? peer(headers, peerHeader) ?? UNKNOWN;
    }
    default:
      return peer(headers, peerHeader) ?? UNKNOWN;
  }
}

function peer(headers: Headers, peerHeader: string | null): string | null {
  return peerHeader ? clean(headers.get(peerHeader)) : null;
}

/** An address as a key: IPv4-mapped IPv6 written as IPv4, anything not address-shaped refused. */
function clean(value: string | null | undefined): string | null {
  const v = value?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  if (!v || v.length > 45 || !/^[0-9a-f.:]+$/i.test(v)) return null;
  return v.toLowerCase();
}
