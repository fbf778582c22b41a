import { sealData } from "iron-session";
import { TEST_ADMIN, TEST_SESSION_SECRET } from "../../e2e/harness/app-server";
import { type DbCounters, dbCounters, query } from "../lib/databases";
import { benchToken } from "../lib/fill";
import { cannon, type HttpCase, type HttpResult, type HttpSummary, summarizeHttp } from "../lib/http-client";
import type { RequestCost } from "./db-cost";

const JSON_HEADERS = { "content-type": "application/json" };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Products that can take many adds (active, stock ≥ 25), for adds that never hit a limit. */
export async function roomyProducts(url: string): Promise<number[]> {
  const rows = await query<{ id: number }>(
    url,
    "select id from products where active and stock >= 25 order by id",
  );
  if (rows.length < 4) throw new Error("the demo catalog has fewer than 4 products with stock ≥ 25");
  return rows.map((r) => r.id);
}

/** A shopper with a cart of two lines: the session cookie the server set on the first add. */
export async function newShopper(baseUrl: string, products: number[]): Promise<string> {
  let cookie = "";
  for (const productId of products.slice(0, 2)) {
    const response = await fetch(`${baseUrl}/api/cart/items`, {
      method: "POST",
      headers: { ...JSON_HEADERS, ...(cookie ? { cookie } : {}) },
      body: JSON.stringify({ productId, quantity: 1 }),
    });
    if (response.status !== 200) throw new Error(`add to cart answered ${response.status}`);
    // Only the session cookie: a bench client that kept kc_fresh would skip the cache for a second.
    cookie ||=
      response.headers
        .getSetCookie()
        .find((c) => c.startsWith("kc_session="))
        ?.split(";")[0] ?? "";
  }
  if (!cookie) throw new Error("no session cookie was set");
  return cookie;
}

export async function shoppers(baseUrl: string, products: number[], count: number): Promise<string[]> {
  const out: string[] = [];
  for (let k = 0; k < count; k += 16) {
    const batch = Array.from({ length: Math.min(16, count - k) }, () => newShopper(baseUrl, products));
    out.push(...(await Promise.all(batch)));
  }
  return out;
}

/** Cookies for rows the bench filled in the server's database (sealed with the server's secret): sessions with no cart. */
export async function emptyCartCookies(rows: number[]): Promise<string[]> {
  const password = { "1": TEST_SESSION_SECRET };
  const seals = await Promise.all(
    rows.map((i) => sealData({ t: benchToken(i) }, { password, ttl: 90 * 24 * 3600 })),
  );
  return seals.map((seal) => `kc_session=${seal}`);
}

export function httpCases(cookies: string[], emptyCookies: string[], products: number[]): HttpCase[] {
  const rotate = (list: string[]) => (k: number) => ({ headers: { cookie: list[k % list.length]! } });
  return [
    { name: "cart page, with a session", method: "GET", path: "/cart", request: rotate(cookies) },
    {
      name: "cart page, session with an empty cart",
      method: "GET",
      path: "/cart",
      request: rotate(emptyCookies),
    },
    { name: "cart page, no session", method: "GET", path: "/cart", request: () => ({}) },
    {
      // Rotates shoppers and products so that no line reaches its limit (99 or stock).
      name: "add to cart (JSON API)",
      method: "POST",
      path: "/api/cart/items",
      request: (k) => ({
        headers: { ...JSON_HEADERS, cookie: cookies[k % cookies.length]! },
        body: JSON.stringify({
          productId: products[Math.floor(k / cookies.length) % products.length],
          quantity: 1,
        }),
      }),
    },
  ];
}

/** Side by side: every round runs every case, order rotated per round; medians over rounds. */
export async function httpRounds(
  baseUrl: string,
  cases: HttpCase[],
  opts: {
    rounds: number;
    durationMs: number;
    connections: number;
    log: (s: string) => void;
    cpuMs?: () => number;
  },
): Promise<Record<string, HttpSummary>> {
  const byCase: Record<string, HttpResult[]> = Object.fromEntries(cases.map((c) => [c.name, []]));
  // Warm-up, not recorded: JIT, Next's route caches and the seal cache see every path first.
  for (const c of cases)
    await cannon(baseUrl, c, { ...opts, durationMs: Math.max(1000, opts.durationMs / 2) });
  for (let round = 0; round < opts.rounds; round++) {
    for (let k = 0; k < cases.length; k++) {
      const c = cases[(k + round) % cases.length]!;
      const r = await cannon(baseUrl, c, opts);
      byCase[c.name]!.push(r);
      opts.log(
        `    r${round + 1} ${c.name}: ${Math.round(r.requestsPerSec)} req/s p50 ${r.p50Ms} ms p99 ${r.p99Ms} ms errors ${r.errors}${r.cpuMsPerRequest === undefined ? "" : ` server CPU ${r.cpuMsPerRequest.toFixed(2)} ms/request`}`,
      );
    }
  }
  return Object.fromEntries(Object.entries(byCase).map(([n, rounds]) => [n, summarizeHttp(rounds)]));
}

export type ServerCache = {
  mode: string;
  usable: boolean;
  listenerStatements?: number;
  stats?: { hits: number };
};

/** The server's session cache, from its staff health route. */
export async function serverCache(baseUrl: string): Promise<ServerCache> {
  const auth = Buffer.from(`${TEST_ADMIN.username}:${TEST_ADMIN.password}`).toString("base64");
  const response = await fetch(`${baseUrl}/api/admin/health`, {
    headers: { authorization: `Basic ${auth}` },
  });
  if (response.status !== 200) throw new Error(`/api/admin/health answered ${response.status}`);
  return ((await response.json()) as { cache: ServerCache }).cache;
}

/** Statements the server's session-cache listener has run (heartbeats). */
export async function listenerStatements(baseUrl: string): Promise<number> {
  return (await serverCache(baseUrl)).listenerStatements ?? 0;
}

/**
 * The production server's database work per warm read-only request, read from PostgreSQL's own
 * counters (the server's idle connections close after 1.5 s, which reports their statistics).
 * The session cache's listener (a heartbeat every quarter second) is counted and subtracted.
 */
export type ServerReadCost = Omit<RequestCost, "roundTripsPerRequest"> & {
  /** Session-cache hits per request on the server (a warm /api/auth/me reads 1 entry, /cart 2). */
  cacheHitsPerRequest?: number;
  /** The same counters over an idle window as long as the counted pass, subtracted above. */
  idleTransactionsPerSecond?: number;
  passSeconds?: number;
};

/** pg_stat transactions and rows written over `fn`, net of the listener's own statements. */
async function counted(baseUrl: string, dbUrl: string, fn: () => Promise<void>) {
  await pause(2500);
  const listenerBefore = await listenerStatements(baseUrl);
  const before: DbCounters = await dbCounters(dbUrl);
  const t0 = performance.now();
  await fn();
  const seconds = (performance.now() - t0) / 1000;
  await pause(2500);
  const after = await dbCounters(dbUrl);
  const listener = (await listenerStatements(baseUrl)) - listenerBefore;
  return {
    seconds,
    // The first dbCounters call's own transaction and the listener's heartbeats are not the requests'.
    transactions: after.xactCommit - before.xactCommit - 1 - listener,
    rowsWritten:
      after.inserted + after.updated + after.deleted - before.inserted - before.updated - before.deleted,
  };
}

export async function serverReadCost(
  baseUrl: string,
  dbUrl: string,
  path: string,
  cookies: string[],
  requests: number,
): Promise<ServerReadCost> {
  const get = async (cookie: string) => {
    const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    await response.arrayBuffer();
  };
  // Warm: each cookie's page once first (its session and cart entries filled; the add-to-cart case
  // that ran before evicted them), as a returning shopper's second page view finds them.
  for (const cookie of cookies.slice(0, requests)) await get(cookie);
  const hitsBefore = (await serverCache(baseUrl)).stats?.hits ?? 0;
  const pass = await counted(baseUrl, dbUrl, async () => {
    for (let i = 0; i < requests; i++) await get(cookies[i % cookies.length]!);
  });
  const hits = ((await serverCache(baseUrl)).stats?.hits ?? 0) - hitsBefore;
  // The server's own background work (timers, the outbox worker, statistics of connections that
  // closed late) over an idle window as long as the pass: subtracted at its rate.
  const idle = await counted(baseUrl, dbUrl, async () => void (await pause(pass.seconds * 1000)));
  const idleRate = idle.transactions / Math.max(0.001, idle.seconds + 5);
  return {
    requests,
    transactionsPerRequest: (pass.transactions - idleRate * (pass.seconds + 5)) / requests,
    rowsWrittenPerRequest: (pass.rowsWritten - idle.rowsWritten) / requests,
    cacheHitsPerRequest: hits / requests,
    idleTransactionsPerSecond: idleRate,
    passSeconds: pass.seconds,
  };
}
