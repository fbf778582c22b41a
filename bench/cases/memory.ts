import { readdirSync } from "node:fs";
import { cannon, type HttpCase, type HttpResult } from "../lib/http-client";
import { groupRss, type ProcessRss, serverPid, startApp } from "../lib/server";

export type MemoryResults = {
  warmupRequests: number;
  rssAfterWarmupMiB: number;
  requests: number;
  requestsPlanned: number;
  rssAfterMiB: number;
  growth: number; // after / warm-up − 1
  samples: { requestsDone: number; rssMiB: number }[];
  load: HttpResult;
  processes: ProcessRss[];
  /** When measured alone (`--only=memory`): its start and load average, merged into a report. */
  separateRun?: { startedAt: string; loadAverage: number[] };
  /** Heap snapshots of the server after the warm-up and after the load (`--heap-snapshots=<dir>`). */
  heapSnapshots?: string[];
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A fresh server: warm-up (every path the load uses, JIT and caches settled, and the session cache
 * filled to its bound by cart pages of `readCookies`: more sessions with carts than it holds), RSS;
 * then `requests`, half POSTs without a cookie (each one makes a session, its cookie and a cart),
 * half cart pages rotating over `readCookies` (the full cache keeps evicting and refilling), RSS
 * again. RSS is summed over the server's process group, from /proc/<pid>/status.
 */
export async function memoryCase(opts: {
  dbUrl: string;
  products: number[];
  warmup: number;
  readCookies: string[];
  requests: number;
  maxMinutes: number; // a time cap: the report says how many of the planned requests ran
  log: (s: string) => void;
  /** A folder for heap snapshots (V8's own, on SIGUSR2) after the warm-up and after the load. */
  heapSnapshotDir?: string;
}): Promise<MemoryResults> {
  const dir = opts.heapSnapshotDir;
  const server = await startApp(
    opts.dbUrl,
    dir ? { NODE_OPTIONS: `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${dir}` } : {},
  );
  try {
    const pgid = serverPid(server);
    // The snapshot is written on the server's main thread: a request answered after the signal
    // means it is done. It comes after the RSS figure it would inflate.
    const heapSnapshot = async () => {
      if (!dir) return;
      process.kill(pgid, "SIGUSR2");
      await pause(500);
      await fetch(`${server.url}/api/health`);
      opts.log(`  memory: heap snapshot in ${dir}`);
    };
    const rss = () => groupRss(pgid).reduce((n, p) => n + p.rssMiB, 0);
    const create: HttpCase = {
      name: "first add to cart (new session + cart)",
      method: "POST",
      path: "/api/cart/items",
      request: (k) => ({
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ productId: opts.products[k % opts.products.length], quantity: 1 }),
      }),
    };
    await cannon(server.url, create, { connections: 32, amount: opts.warmup });
    await cannon(
      server.url,
      { name: "cart page", method: "GET", path: "/cart", request: () => ({}) },
      {
        connections: 32,
        amount: Math.ceil(opts.warmup / 4),
      },
    );
    const read: HttpCase = {
      name: "cart page of a returning shopper",
      method: "GET",
      path: "/cart",
      request: (k) => ({ headers: { cookie: opts.readCookies[k % opts.readCookies.length]! } }),
    };
    await cannon(server.url, read, { connections: 32, amount: opts.readCookies.length });
    await pause(2000);
    const rssAfterWarmupMiB = rss();
    opts.log(`  memory: RSS after warm-up ${rssAfterWarmupMiB.toFixed(1)} MiB`);
    await heapSnapshot();
    const samples: { requestsDone: number; rssMiB: number }[] = [];
    const chunk = Math.max(1000, Math.ceil(opts.requests / 10));
    // The load goes in steps of at most 2,000, so the time cap stops it within a minute or so even
    // on a slow machine; RSS is sampled every chunk and where the cap stops it.
    const step = Math.min(chunk, 2000);
    const results: HttpResult[] = [];
    let done = 0;
    const deadline = Date.now() + opts.maxMinutes * 60_000;
    while (done < opts.requests && Date.now() < deadline) {
      const amount = Math.min(step, opts.requests - done);
      const creates = Math.ceil(amount / 2);
      results.push(await cannon(server.url, create, { connections: 32, amount: creates }));
      results.push(await cannon(server.url, read, { connections: 32, amount: amount - creates }));
      done += amount;
      if (done % chunk !== 0 && done < opts.requests && Date.now() < deadline) continue;
      samples.push({ requestsDone: done, rssMiB: Math.round(rss() * 10) / 10 });
      opts.log(`    ${done.toLocaleString("en")} requests: RSS ${samples.at(-1)!.rssMiB} MiB`);
    }
    await pause(2000);
    const rssAfterMiB = rss();
    const processes = groupRss(pgid);
    await heapSnapshot();
    const seconds = results.reduce((n, r) => n + r.requests / Math.max(r.requestsPerSec, 0.001), 0);
    const total = results.reduce((n, r) => n + r.requests, 0);
    return {
      warmupRequests: opts.warmup + Math.ceil(opts.warmup / 4) + opts.readCookies.length,
      rssAfterWarmupMiB,
      requests: total,
      requestsPlanned: opts.requests,
      rssAfterMiB,
      growth: rssAfterMiB / rssAfterWarmupMiB - 1,
      samples,
      load: {
        requestsPerSec: total / seconds,
        p50Ms: Math.max(...results.map((r) => r.p50Ms)),
        p99Ms: Math.max(...results.map((r) => r.p99Ms)),
        requests: total,
        errors: results.reduce((n, r) => n + r.errors, 0),
      },
      processes,
      ...(dir ? { heapSnapshots: readdirSync(dir).filter((f) => f.endsWith(".heapsnapshot")) } : {}),
    };
  } finally {
    await server.stop();
  }
}
