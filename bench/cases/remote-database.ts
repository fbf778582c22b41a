import pg from "pg";
import { cannon, type HttpCase, type HttpResult, type HttpSummary, summarizeHttp } from "../lib/http-client";
import { startDelayProxy } from "../lib/proxy-process";
import { groupCpuMs, serverPid, startApp } from "../lib/server";
import { median } from "../lib/stats";
import { serverCache } from "./http";

export type RemoteDatabaseResults = {
  roundTripMs: number; // measured `select 1` through the proxy, median of 50
  cases: Record<string, HttpSummary>;
  /** Session-cache hits per request on the server with the cache, over the measured rounds (a warm cart page: 2). */
  cacheHitsPerRequest?: number;
  /** When this case was measured in a run of its own (`--only=remote`): its start and load average. */
  separateRun?: { startedAt: string; loadAverage: number[] };
};

async function roundTrip(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const samples: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await client.query("select 1");
    samples.push(performance.now() - t);
  }
  await client.end();
  return median(samples);
}

/**
 * The database about 1 ms away (a TCP proxy, in its own process, delays what goes to PostgreSQL by
 * 1 ms), as for an app
 * on Vercel with a managed PostgreSQL: two production servers on it, one with the session cache
 * and one without, the cart page with a two-line cart on each, interleaved per round.
 */
export async function remoteDatabaseCase(opts: {
  dbUrl: string;
  cookies: string[];
  rounds: number;
  durationMs: number;
  connections: number;
  log: (s: string) => void;
}): Promise<RemoteDatabaseResults> {
  const target = new URL(opts.dbUrl);
  // In a process of its own: in this one its 1 ms timers would wait behind autocannon's work.
  const proxy = await startDelayProxy({ host: target.hostname, port: Number(target.port || 5432) }, 1);
  target.hostname = "127.0.0.1";
  target.port = String(proxy.port);
  const url = target.toString();
  const servers = {
    "cart page, database 1 ms away, session cache on": await startApp(url, { SESSION_CACHE: "auto" }),
    "cart page, database 1 ms away, session cache off": await startApp(url, { SESSION_CACHE: "off" }),
  };
  try {
    const roundTripMs = await roundTrip(url);
    opts.log(`  remote database: select 1 through the proxy ${roundTripMs.toFixed(2)} ms`);
    const page: HttpCase = {
      name: "cart page",
      method: "GET",
      path: "/cart",
      request: (k) => ({ headers: { cookie: opts.cookies[k % opts.cookies.length]! } }),
    };
    const names = Object.keys(servers) as (keyof typeof servers)[];
    const byCase: Record<string, HttpResult[]> = Object.fromEntries(names.map((n) => [n, []]));
    // Fresh servers: a warm-up by count, not by time (a cold page on a loaded machine takes seconds,
    // and a few of them warm nothing): every shopper's page, so both caches are full on the other side.
    for (const name of names)
      await cannon(servers[name].url, page, {
        connections: opts.connections,
        amount: Math.max(300, opts.cookies.length),
      });
    const onName = names[0]!;
    const hitsBefore = (await serverCache(servers[onName].url)).stats?.hits ?? 0;
    for (let round = 0; round < opts.rounds; round++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(k + round) % names.length]!;
        const pgid = serverPid(servers[name]);
        const r = await cannon(servers[name].url, page, { ...opts, cpuMs: () => groupCpuMs(pgid) });
        byCase[name]!.push(r);
        opts.log(
          `    r${round + 1} ${name}: ${Math.round(r.requestsPerSec)} req/s p50 ${r.p50Ms} ms p99 ${r.p99Ms} ms errors ${r.errors} server CPU ${r.cpuMsPerRequest?.toFixed(2)} ms/request`,
        );
      }
    }
    const hits = ((await serverCache(servers[onName].url)).stats?.hits ?? 0) - hitsBefore;
    const onRequests = byCase[onName]!.reduce((n, r) => n + r.requests, 0);
    return {
      roundTripMs,
      cacheHitsPerRequest: hits / Math.max(1, onRequests),
      cases: Object.fromEntries(Object.entries(byCase).map(([n, rounds]) => [n, summarizeHttp(rounds)])),
    };
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
    await proxy.close();
  }
}
