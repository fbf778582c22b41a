import { AppServer } from "../../e2e/harness/app-server";
import { sql as query } from "../../e2e/harness/database";
import { adminQuery, uniqueName, withDatabase } from "../../test/databases";
import { TcpFaultProxy } from "../../test/tcp-proxy";
import { checkDatabase, readStock } from "./checks";
import { latencyByPhase } from "./latency";
import { groupRssMb, type MemorySample, memoryVerdict } from "./memory";
import { renderMarkdown } from "./report";
import { Shopper, sleep, type Tally, type Trace } from "./shopper";

/**
 * Load with faults: several concurrent shoppers on the production build while the database
 * connection is cut twice; then the books are checked on the database itself. Called by
 * `npm run bench` (bench/run.ts) and alone by `npm run bench:faults` (bench/faults/cli.ts).
 */
export type FaultRunOptions = { quick: boolean; log: (s: string) => void };

const CLIENTS = 8;
const GRACE_MS = 10_000; // after the database is back: pools reconnect, retries land

export async function runLoadWithFaults(
  opts: FaultRunOptions,
): Promise<{ markdown: string; json: unknown; ok: boolean }> {
  const { log } = opts;
  const durationSeconds = opts.quick ? 30 : 180;
  const cutSeconds = opts.quick ? 3 : 5;
  const base = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = uniqueName("bench_faults");
  await adminQuery(base, `create database ${name}`);
  const dbUrl = withDatabase(base, name);
  const target = new URL(dbUrl);
  const proxy = new TcpFaultProxy({ host: target.hostname, port: Number(target.port || 5432) });
  await proxy.start();
  const viaProxy = new URL(dbUrl);
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String(proxy.port);
  const app = new AppServer({
    databaseUrl: viaProxy.toString(),
    env: { DB_CONNECT_TIMEOUT_MS: "1000", LOG_LEVEL: "warn" },
  });
  try {
    log(`faults: starting the app on database ${name} behind a fault proxy`);
    await app.start();
    // Plenty of stock for most products, a few scarce ones so checkouts also race for the last units.
    await query(dbUrl, "update products set stock = 400, active = true");
    await query(
      dbUrl,
      "update products set stock = 6 where id in (select id from products order by id limit 3)",
    );
    const startStock = await readStock(dbUrl);
    const products = await query<{ id: number; slug: string }>(dbUrl, "select id, slug from products");
    const productIds = products.map((p) => p.id);
    const slugs = products.map((p) => p.slug);

    const tally: Tally = new Map();
    const trace: Trace = [];
    const shoppers = Array.from(
      { length: CLIENTS },
      () => new Shopper(app.url, tally, trace, productIds, slugs),
    );
    await Promise.all(shoppers.map((s) => s.register()));

    const pgid = (app as unknown as { child: { pid: number } }).child.pid;
    const started = Date.now();
    const deadline = started + durationSeconds * 1000;
    const memory: MemorySample[] = [];
    const sampler = setInterval(() => {
      memory.push({ atSeconds: Math.round((Date.now() - started) / 1000), rssMb: groupRssMb(pgid) });
    }, 2000);

    const cuts: { downAt: number; upAt: number }[] = [];
    const faults = (async () => {
      for (const fraction of [1 / 3, 2 / 3]) {
        await sleep(Math.max(0, started + durationSeconds * 1000 * fraction - Date.now()));
        const downAt = Date.now();
        proxy.down();
        log(`faults: database cut at ${Math.round((downAt - started) / 1000)} s for ${cutSeconds} s`);
        await sleep(cutSeconds * 1000);
        proxy.up();
        cuts.push({ downAt, upAt: Date.now() });
      }
    })();
    const progress = setInterval(() => {
      const served = [...tally.values()].reduce((a, b) => a + b, 0);
      log(`faults: ${Math.round((Date.now() - started) / 1000)} s, ${served} requests`);
    }, 15_000);

    await Promise.all(
      shoppers.map(async (s) => {
        while (Date.now() < deadline) {
          await s.step();
          await sleep(20 + Math.random() * 80);
        }
      }),
    );
    await faults;
    clearInterval(progress);
    clearInterval(sampler);
    const elapsedSeconds = Math.round((Date.now() - started) / 1000);

    const confirmed = shoppers.flatMap((s) => s.confirmed);
    const db = await checkDatabase(dbUrl, startStock, confirmed);
    // A request meets a cut when its time in flight overlaps the cut (or the grace after it).
    const duringCut = (e: { at: number; ms: number }) =>
      cuts.some((c) => e.at <= c.upAt + GRACE_MS && e.at + e.ms >= c.downAt);
    const other5xx = trace.filter((e) => e.status >= 500 && e.status !== 503);
    const all503 = trace.filter((e) => e.status === 503);
    const stray503 = all503.filter((e) => !duringCut(e));
    const networkErrors = trace.filter((e) => e.status === 0);
    const at = (ms: number) => Math.round((ms - started) / 100) / 10;
    const mem = memoryVerdict(memory, elapsedSeconds);
    const checks = {
      everyConfirmedOrderExistsExactlyOnce:
        db.confirmedOrdersFoundOnce === db.confirmedOrders && db.duplicateIdempotencyKeys === 0,
      stockEqualsStartMinusSold: db.stockMismatches.length === 0,
      noDuplicateCartLines: db.duplicateCartLines === 0 && db.usersWithSeveralCarts === 0,
      memoryFlat: mem.flat,
      no5xxOtherThan503: other5xx.length === 0,
      no503OutsideTheCuts: stray503.length === 0,
      noNetworkErrors: networkErrors.length === 0,
      bothCutsHappened: cuts.length === 2,
    };
    const ok = Object.values(checks).every(Boolean);
    const requests = [...tally.values()].reduce((a, b) => a + b, 0);
    const json = {
      quick: opts.quick,
      clients: CLIENTS,
      durationSeconds: elapsedSeconds,
      cuts: cuts.map((c) => ({
        atSeconds: Math.round((c.downAt - started) / 1000),
        seconds: Math.round((c.upAt - c.downAt) / 100) / 10,
      })),
      requests,
      requestsPerSecond: Math.round((requests / elapsedSeconds) * 10) / 10,
      answersByKind: Object.fromEntries([...tally.entries()].sort((a, b) => b[1] - a[1])),
      errors: {
        "503 during a cut (expected)": all503.length - stray503.length,
        "503 outside a cut": stray503.length,
        "other 5xx": other5xx.length,
        "network errors": networkErrors.length,
        "4xx": [...tally.entries()].filter(([k]) => / 4\d\d/.test(k)).reduce((a, [, n]) => a + n, 0),
      },
      unexpected: [...other5xx, ...stray503, ...networkErrors].map((e) => ({ ...e, at: at(e.at) })),
      latency: latencyByPhase(trace, started, cuts),
      // What the server itself said about any 500 (its error lines name the cause).
      serverErrorLines: other5xx.length
        ? app.logs
            .join("")
            .split("\n")
            .filter((l) => l.includes('"status":5') || l.includes('"level":"error"'))
            .filter((l) => !l.includes('"code":"UNAVAILABLE"') && !l.includes('"status":503'))
            .slice(0, 10)
        : [],
      database: db,
      memory: mem,
      memorySamples: memory,
      checks,
      ok,
    };
    return { markdown: renderMarkdown(json), json, ok };
  } finally {
    await app.stop();
    await proxy.close();
    await adminQuery(base, `drop database if exists ${name} with (force)`);
  }
}
