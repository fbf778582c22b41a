import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { cannon, type HttpCase, type HttpResult } from "../lib/http-client";
import { groupRss, type ProcessRss, serverPid, startApp } from "../lib/server";

export type MemoryResults = {
  warmupRequests: number;
  rssAfterWarmupMiB: number;
  requests: number;
  requestsPlanned: number;
  rssAfterMiB: number;
  growth: number; // after / warm-up − 1
  samples: Sample[];
  load: HttpResult;
  processes: ProcessRss[];
  /** When measured alone (`--only=memory`): its start and load average, merged into a report. */
  separateRun?: { startedAt: string; loadAverage: number[] };
  /** With `--diagnostics=<dir>`: V8's heap in use after the warm-up, and a heap snapshot after the load. */
  heapUsedAfterWarmupMiB?: number;
  heapSnapshot?: string;
};

type Sample = { requestsDone: number; rssMiB: number; heapUsedMiB?: number };

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
  /**
   * A folder for the server's diagnostics: a Node report (JavaScript heap in use: cheap, so at every
   * sample) and, after the last RSS figure it would inflate, a V8 heap snapshot.
   */
  diagnosticsDir?: string;
}): Promise<MemoryResults> {
  const dir = opts.diagnosticsDir;
  const server = await startApp(
    opts.dbUrl,
    dir
      ? {
          NODE_OPTIONS: `--report-on-signal --report-signal=SIGWINCH --report-directory=${dir} --heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${dir}`,
        }
      : {},
  );
  try {
    const pgid = serverPid(server);
    const rss = () => groupRss(pgid).reduce((n, p) => n + p.rssMiB, 0);
    /** Signals the server and waits for the new file that starts with `prefix` (written on its main thread). */
    const diagnostic = async (signal: NodeJS.Signals, prefix: string): Promise<string | undefined> => {
      if (!dir) return undefined;
      const before = new Set(readdirSync(dir));
      process.kill(pgid, signal);
      for (let tries = 0; tries < 120; tries++) {
        // The main thread writes it: a request waits behind it (and may fail while it does).
        await fetch(`${server.url}/api/health`).catch(() => {});
        const file = readdirSync(dir).find((f) => f.startsWith(prefix) && !before.has(f));
        if (file) return file;
        await pause(500);
      }
      return undefined;
    };
    const heapUsedMiB = async () => {
      const file = await diagnostic("SIGWINCH", "report.");
      if (!file) return undefined;
      try {
        const report = JSON.parse(readFileSync(path.join(dir!, file), "utf8"));
        return Math.round((report.javascriptHeap.usedMemory / 2 ** 20) * 10) / 10;
      } catch {
        return undefined; // still being written: this sample goes without
      }
    };
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
    const heapUsedAfterWarmupMiB = await heapUsedMiB();
    opts.log(
      `  memory: RSS after warm-up ${rssAfterWarmupMiB.toFixed(1)} MiB, heap used ${heapUsedAfterWarmupMiB}`,
    );
    const samples: Sample[] = [];
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
      samples.push({
        requestsDone: done,
        rssMiB: Math.round(rss() * 10) / 10,
        heapUsedMiB: await heapUsedMiB(),
      });
      const { rssMiB, heapUsedMiB: heap } = samples.at(-1)!;
      opts.log(`    ${done.toLocaleString("en")} requests: RSS ${rssMiB} MiB, heap used ${heap}`);
    }
    await pause(2000);
    const rssAfterMiB = rss();
    const processes = groupRss(pgid);
    const heapSnapshot = await diagnostic("SIGUSR2", "Heap");
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
      ...(dir ? { heapUsedAfterWarmupMiB, heapSnapshot } : {}),
    };
  } finally {
    await server.stop();
  }
}
