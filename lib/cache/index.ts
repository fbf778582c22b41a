import type { Env } from "../env";
import { log } from "../log";
import { CacheListener } from "./listener";
import { CacheStore, type EvictionKey, type FillTicket } from "./store";

export { type EvictionKey, type FillTicket, productKey, sessionKey, userKey } from "./store";

/**
 * Each instance's cache of resolved sessions and cart lines (docs/decisions/035). It answers only
 * while its listener provably hears every change (`usable`); otherwise every read goes to the
 * database exactly as without it, so an outage is still a 503 and never a stale answer.
 */
export type CacheMode =
  | { on: true; url: string; source: "DATABASE_URL_UNPOOLED" | "DATABASE_URL" }
  | { on: false; reason: string };

/** Whether this process runs the cache, and over which URL it listens. */
export function cacheMode(e: Env, storeKind: "postgres" | "pglite", raw = process.env): CacheMode {
  if (e.SESSION_CACHE === "off") return { on: false, reason: "SESSION_CACHE=off" };
  if (storeKind === "pglite") {
    return { on: false, reason: "embedded PGlite: one process, no network round trip to save" };
  }
  if (e.DATABASE_URL_UNPOOLED)
    return { on: true, url: e.DATABASE_URL_UNPOOLED, source: "DATABASE_URL_UNPOOLED" };
  const url = e.DATABASE_URL ?? "";
  if (raw.VERCEL || looksPooled(url)) {
    return {
      on: false,
      reason:
        "DATABASE_URL may be a transaction-mode pooler, which loses a LISTEN, and DATABASE_URL_UNPOOLED is unset",
    };
  }
  return { on: true, url, source: "DATABASE_URL" };
}

/** Neon's pooled host name, or PgBouncer's usual port. Any other pooler: set DATABASE_URL_UNPOOLED. */
function looksPooled(url: string): boolean {
  try {
    const u = new URL(url);
    return u.hostname.includes("-pooler.") || u.port === "6432";
  } catch {
    return false;
  }
}

type State = { store?: CacheStore<unknown, unknown>; listener?: CacheListener; mode?: CacheMode };

// One cache per process, even if the bundler loads this module twice (proxy and app bundles).
const KEY = Symbol.for("keepcart.session-cache");
const globals = globalThis as unknown as Record<symbol, State | undefined>;
function state(): State {
  globals[KEY] ??= {};
  return globals[KEY];
}

/** Starts the listener (not awaited: the cache is simply unused until the channel is proven). */
export function startSessionCache(e: Env, storeKind: "postgres" | "pglite"): CacheMode {
  const s = state();
  if (s.mode) return s.mode;
  const mode = cacheMode(e, storeKind);
  s.mode = mode;
  if (!mode.on) {
    log.info(`session cache off: ${mode.reason}`);
    return mode;
  }
  const store = new CacheStore<unknown, unknown>(e.SESSION_CACHE_MAX_ENTRIES);
  s.store = store;
  s.listener = new CacheListener({
    url: mode.url,
    leaseMs: e.SESSION_CACHE_LEASE_MS,
    connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
    onEvict: (key) => store.evict(key),
    onReset: () => store.clear(),
    onLost: (error) =>
      log.warn("session cache listener lost; reading from the database until it is back", { error }),
  });
  s.listener.start();
  log.info(`session cache on: listening via ${mode.source}`, { maxEntries: e.SESSION_CACHE_MAX_ENTRIES });
  return mode;
}

export async function stopSessionCache(): Promise<void> {
  const s = state();
  globals[KEY] = {};
  await s.listener?.stop();
}

/** The store, only while the channel is proven; reads and fills go through this. */
function usableStore(): CacheStore<unknown, unknown> | undefined {
  const s = state();
  return s.listener?.usable() ? s.store : undefined;
}

/** A ticket for a fill, taken before the database read; undefined while the cache is not usable. */
export function beginFill(): FillTicket | undefined {
  return usableStore()?.ticket();
}

export function cachedSession<S>(id: string, freshAfter: number): S | undefined {
  return usableStore()?.getSession(id, freshAfter)?.value as S | undefined;
}

export function fillSession<S>(
  ticket: FillTicket | undefined,
  id: string,
  value: S,
  keys: EvictionKey[],
): void {
  if (ticket) usableStore()?.putSession(ticket, id, value, keys);
}

export function cachedCart<C>(owner: EvictionKey, freshAfter: number): C | undefined {
  return usableStore()?.getCart(owner, freshAfter)?.value as C | undefined;
}

export function fillCart<C>(
  ticket: FillTicket | undefined,
  owner: EvictionKey,
  value: C,
  keys: EvictionKey[],
): void {
  if (ticket) usableStore()?.putCart(ticket, owner, value, keys);
}

/** This instance's own write: evict now (the notification will follow, and may come after the reply). */
export function evictLocally(keys: EvictionKey[]): void {
  const store = state().store;
  for (const key of keys) store?.evict(key);
}

export type CacheStatus = {
  mode: "off" | "listening" | "connecting" | "down";
  reason?: string;
  usable: boolean;
  entries?: { sessions: number; carts: number };
  stats?: CacheStore<unknown, unknown>["stats"];
  reconnects?: number;
  backendPid?: number;
  listenerStatements?: number;
};

export function sessionCacheStatus(): CacheStatus {
  const s = state();
  if (!s.mode?.on || !s.store || !s.listener) {
    return { mode: "off", reason: s.mode && !s.mode.on ? s.mode.reason : "not started", usable: false };
  }
  const { sessions, carts } = s.store.size;
  return {
    mode:
      s.listener.state === "open" ? "listening" : s.listener.state === "connecting" ? "connecting" : "down",
    usable: s.listener.usable(),
    entries: { sessions, carts },
    stats: { ...s.store.stats },
    reconnects: s.listener.reconnects,
    backendPid: s.listener.backendPid,
    listenerStatements: s.listener.statements,
  };
}

/** Tests and the bench: wait until the cache answers. */
export async function sessionCacheReady(timeoutMs = 10_000): Promise<void> {
  const listener = state().listener;
  if (!listener) throw new Error("session cache is off");
  await listener.whenUsable(timeoutMs);
}
