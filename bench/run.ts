// `npm run bench [-- --quick] [--skip-faults] [--rebuild] [--memory-requests=N] [--render=report.json]`
// (`--only=extras|memory --out=<file>.json`: one part alone, merged by `--render=… --with=<file>.json`)
// Keepcart's session store and shop, side by side with express-session + connect-pg-simple, on one
// PostgreSQL, in one run. Writes bench/results/<date>.md, .json and .svg. Method: bench/README.md.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ourReadCost, peerReadCost } from "./cases/db-cost";
import {
  emptyCartCookies,
  httpCases,
  httpRounds,
  roomyProducts,
  serverCache,
  serverReadCost,
  shoppers,
} from "./cases/http";
import { lostUpdates } from "./cases/lost-updates";
import { type MemoryResults, memoryCase } from "./cases/memory";
import { remoteDatabaseCase } from "./cases/remote-database";
import { revocationCase } from "./cases/revocation";
import { pruneCase, scalePoint } from "./cases/scale-prune";
import { liveSample, sealedCookies, storeCases } from "./cases/store";
import { runLoadWithFaults } from "./faults/run";
import { adminUrl, createBenchDatabase, dropBenchDatabases } from "./lib/databases";
import {
  averageRowBytes,
  createPeerTable,
  fillOurSessions,
  fillPeerSessions,
  holdsCart,
  vacuumAnalyze,
} from "./lib/fill";
import { describeMachine } from "./lib/machine";
import { createPeer } from "./lib/peer";
import { ensureBuild, groupCpuMs, serverPid, startApp } from "./lib/server";
import { renderMarkdown } from "./report/markdown";
import { renderSvg } from "./report/svg";
import type { BenchConfig, BenchResults } from "./report/types";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const quick = flag("quick");

const config: BenchConfig = quick
  ? {
      mode: "quick",
      sizes: [2_000, 20_000, 100_000],
      rounds: 1,
      storeDurationMs: 400,
      concurrencies: [1, 32],
      scaleDurationMs: 400,
      pruneDurationMs: 1000,
      httpDurationMs: 1000,
      httpConnections: 32,
      shoppers: 50,
      lostUpdateRepeats: 1,
      memoryWarmup: 1000,
      memoryRequests: Number(option("memory-requests") ?? 3000),
      dbCostRequests: 200,
    }
  : {
      mode: "full",
      sizes: [10_000, 100_000, 1_000_000],
      rounds: 3,
      storeDurationMs: 2500,
      concurrencies: [1, 32],
      scaleDurationMs: 2000,
      pruneDurationMs: 5000,
      httpDurationMs: 5000,
      httpConnections: 32,
      shoppers: Number(option("shoppers") ?? 1000),
      lostUpdateRepeats: 3,
      memoryWarmup: 10_000,
      memoryRequests: Number(option("memory-requests") ?? 200_000),
      dbCostRequests: 2000,
    };

const loadAverage = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

const t0 = performance.now();
const log = (s: string) =>
  console.log(`[${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}`);

async function main(): Promise<number> {
  const render = option("render");
  if (render) {
    // Re-render a report from its JSON twin (report wording changes without re-measuring).
    let saved = JSON.parse(readFileSync(render, "utf8")) as BenchResults;
    const withExtras = option("with");
    for (const file of withExtras?.split(",") ?? [])
      saved = mergeExtras(saved, JSON.parse(readFileSync(file, "utf8")) as Extras);
    writeReport(saved, new Date(saved.startedAt), saved.config.mode === "quick");
    return 0;
  }
  if (option("only") === "extras") return extrasOnly();
  if (option("only") === "memory") return memoryOnly();
  const started = new Date();
  log(`keepcart bench, ${config.mode} mode`);
  const buildId = ensureBuild(flag("rebuild"), log);
  const storeDb = await createBenchDatabase("store");
  // The in-process store reads its configuration once, on first use: set it before anything runs.
  Object.assign(process.env, {
    DATABASE_URL: storeDb,
    SESSION_SECRET: "bench-session-secret-bench-session-secret-01",
    LOG_LEVEL: "warn",
    DB_POOL_MAX: "10",
    PRUNE_INTERVAL_SECONDS: "86400",
  });
  const { ready, closeDb } = await import("@/lib/database");
  const results: BenchResults = {
    startedAt: started.toISOString(),
    durationSeconds: 0,
    config,
    machine: await describeMachine(adminUrl()),
    buildId,
    rowBytes: { ours: 0, peer: 0 },
    loadAverages: [],
    failures: [],
  };
  const section = async (name: string, fn: () => Promise<void>) => {
    // The machine is shared: the load average as each section starts goes into the report.
    results.loadAverages!.push({ section: name, load: loadAverage() });
    try {
      await fn();
    } catch (error) {
      log(`  ${name} FAILED: ${(error as Error).stack ?? error}`);
      results.failures.push({ section: name, error: (error as Error).message });
    }
  };
  const [small, medium, large] = config.sizes;
  results.scale = {};
  try {
    await ready(10_000);
    await createPeerTable(storeDb);
    log(`filling ${small.toLocaleString("en")} sessions`);
    await fillOurSessions(storeDb, 0, small);
    await vacuumAnalyze(storeDb, "sessions");
    await section("scale (small)", async () => {
      results.scale![String(small)] = await scalePoint({
        rows: small,
        rounds: config.rounds,
        durationMs: config.scaleDurationMs,
        log,
      });
    });

    log(`filling ${medium.toLocaleString("en")} sessions (ours and the peer's)`);
    await fillOurSessions(storeDb, small, medium);
    await fillPeerSessions(storeDb, 0, medium);
    await vacuumAnalyze(storeDb, "sessions");
    await vacuumAnalyze(storeDb, "session");
    results.rowBytes = {
      ours: await averageRowBytes(storeDb, "sessions", "sessions"),
      peer: await averageRowBytes(storeDb, "session", "session"),
    };
    const peer = createPeer(storeDb);
    await section("store level", async () => {
      ({ results: results.store, warmCheck: results.storeWarmCheck } = await storeCases({
        rows: medium,
        peer,
        peerRows: medium,
        rounds: config.rounds,
        durationMs: config.storeDurationMs,
        concurrencies: config.concurrencies,
        log,
      }));
    });
    await peer.close();
    await section("database cost per read-only request", async () => {
      const cookies = await sealedCookies(liveSample(medium, config.dbCostRequests));
      const ours = await ourReadCost(storeDb, cookies);
      const peerCost = await peerReadCost(storeDb, config.dbCostRequests);
      results.dbCost = { ours, peer: peerCost, server: {} };
      log(`  db cost: ours ${JSON.stringify(ours)} · peer ${JSON.stringify(peerCost)}`);
    });
    await section("scale (medium)", async () => {
      results.scale![String(medium)] = await scalePoint({
        rows: medium,
        rounds: config.rounds,
        durationMs: config.scaleDurationMs,
        log,
      });
    });

    log(`filling ${large.toLocaleString("en")} sessions`);
    await fillOurSessions(storeDb, medium, large);
    await vacuumAnalyze(storeDb, "sessions");
    await section("scale (large)", async () => {
      results.scale![String(large)] = await scalePoint({
        rows: large,
        rounds: config.rounds,
        durationMs: config.scaleDurationMs,
        log,
      });
    });
    await section("prune", async () => {
      results.prune = await pruneCase({ rows: large, durationMs: config.pruneDurationMs, url: storeDb, log });
    });
    await closeDb();

    const httpDb = await createBenchDatabase("http");
    // Bench rows with a cart (a third): the first ones are logged out by the revocation case, the
    // rest fill the session cache past its bound in the memory case.
    const cartRows = liveSample(medium, Math.floor(medium / 2)).filter(holdsCart);
    const revocationRows = cartRows.slice(0, quick ? 100 : 1000);
    await section("http", async () => {
      log("HTTP: production build on its own database");
      const server = await startApp(httpDb);
      try {
        await fillOurSessions(httpDb, 0, medium);
        await vacuumAnalyze(httpDb, "sessions");
        const products = await roomyProducts(httpDb);
        const cookies = await shoppers(server.url, products, config.shoppers);
        const emptyRows = liveSample(medium, 2 * config.shoppers).filter((i) => !holdsCart(i));
        const empty = await emptyCartCookies(emptyRows.slice(0, config.shoppers));
        const pgid = serverPid(server);
        results.http = await httpRounds(server.url, httpCases(cookies, empty, products), {
          rounds: config.rounds,
          durationMs: config.httpDurationMs,
          connections: config.httpConnections,
          log,
          cpuMs: () => groupCpuMs(pgid),
        });
        // Sequential HTTP requests: each shopper's page about twice after a warm pass (a full run's
        // 2,000 in-process reads would be 6,000 page views here, minutes on a shared machine).
        const n = Math.min(config.dbCostRequests, 2 * config.shoppers);
        const server1 = await serverReadCost(server.url, httpDb, "/api/auth/me", cookies, n);
        const server2 = await serverReadCost(server.url, httpDb, "/cart", cookies, n);
        if (results.dbCost) results.dbCost.server = { "GET /api/auth/me": server1, "GET /cart": server2 };
        log(`  server db cost: me ${JSON.stringify(server1)} · cart ${JSON.stringify(server2)}`);
        await section("revocation", async () => {
          const b = await startApp(httpDb);
          try {
            results.revocation = await revocationCase({
              a: server,
              b,
              cookies: await emptyCartCookies(revocationRows),
              boundMs: 100,
              cacheHits: async (s) => (await serverCache(s.url)).stats?.hits ?? 0,
              log,
            });
          } finally {
            await b.stop();
          }
        });
        await section("database 1 ms away", async () => {
          results.remote = await remoteDatabaseCase({
            dbUrl: httpDb,
            cookies,
            rounds: config.rounds,
            // A page through the proxy can take over a second on a loaded machine: at least 3 s.
            durationMs: Math.max(3000, config.httpDurationMs),
            connections: config.httpConnections,
            log,
          });
        });
        results.lostUpdates = await lostUpdates({
          baseUrl: server.url,
          peerDbUrl: storeDb,
          products,
          concurrent: 100,
          repeats: config.lostUpdateRepeats,
          log,
        });
      } finally {
        await server.stop();
      }
    });
    await section("memory", async () => {
      results.memory = await memory(httpDb, cartRows.slice(revocationRows.length));
    });
    await section("load with faults", async () => {
      results.faults = await loadWithFaults();
    });
  } finally {
    await closeDb().catch(() => {});
    await dropBenchDatabases();
  }
  results.loadAverages!.push({ section: "end", load: loadAverage() });
  results.durationSeconds = Math.round((performance.now() - t0) / 1000);
  writeReport(results, started, quick);
  return results.failures.length === 0 && (!results.faults || !("ok" in results.faults) || results.faults.ok)
    ? 0
    : 1;
}

/** The memory case on a database holding the bench's sessions; `readRows` are rows with a cart. */
async function memory(dbUrl: string, readRows: number[]): Promise<MemoryResults> {
  return memoryCase({
    dbUrl,
    products: await roomyProducts(dbUrl),
    warmup: config.memoryWarmup,
    readCookies: await emptyCartCookies(readRows),
    requests: config.memoryRequests,
    maxMinutes: Number(option("memory-max-minutes") ?? (quick ? 1 : 20)),
    diagnosticsDir: option("diagnostics"),
    log,
  });
}

/**
 * `--only=memory --out=<file>.json`: the memory case alone, on the existing build and a database
 * filled as in the full run (the same cart rows, less the ones the revocation case logs out), so a
 * long load gets a quiet(er) machine of its own; merged into a report like the extras.
 */
async function memoryOnly(): Promise<number> {
  const out = option("out");
  if (!out) throw new Error("--only=memory needs --out=<file>.json");
  const extras: Extras = {
    startedAt: new Date().toISOString(),
    loadAverage: loadAverage(),
    buildId: ensureBuild(flag("rebuild"), log),
    failures: [],
  };
  log(`keepcart bench: the memory case only, ${config.memoryRequests.toLocaleString("en")} requests`);
  try {
    const db = await createBenchDatabase("memory");
    const rows = config.sizes[1];
    const migrate = await startApp(db); // the server migrates its database on start
    await migrate.stop();
    await fillOurSessions(db, 0, rows);
    await vacuumAnalyze(db, "sessions");
    const cartRows = liveSample(rows, Math.floor(rows / 2)).filter(holdsCart);
    const memoryResults = await memory(db, cartRows.slice(quick ? 100 : 1000));
    extras.memory = {
      ...memoryResults,
      separateRun: { startedAt: extras.startedAt, loadAverage: extras.loadAverage },
    };
  } catch (error) {
    extras.failures.push({ section: "memory", error: (error as Error).message });
  } finally {
    await dropBenchDatabases();
  }
  writeFileSync(out, `${JSON.stringify(extras, null, 2)}\n`);
  log(`memory: ${out}`);
  return extras.failures.length ? 1 : 0;
}

/**
 * `--only=extras --out=<file>.json`: the server's warm read cost (with its cache hits and an idle
 * baseline) and the database-1-ms-away case, alone, on the existing build; merged into a report by
 * `--render=<date>.json --with=<file>.json` (marked there as a separate run, with its load average).
 */
type Extras = {
  startedAt: string;
  loadAverage: number[];
  buildId: string;
  remote?: BenchResults["remote"];
  server?: NonNullable<BenchResults["dbCost"]>["server"];
  http?: BenchResults["http"];
  memory?: MemoryResults;
  failures: BenchResults["failures"];
};

async function extrasOnly(): Promise<number> {
  const out = option("out");
  if (!out) throw new Error("--only=extras needs --out=<file>.json");
  const extras: Extras = {
    startedAt: new Date().toISOString(),
    loadAverage: loadAverage(),
    buildId: readFileSync(path.join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim(),
    failures: [],
  };
  log("keepcart bench: the server's read cost and the database 1 ms away only");
  try {
    const db = await createBenchDatabase("extras");
    const server = await startApp(db);
    let cookies: string[] = [];
    try {
      const products = await roomyProducts(db);
      cookies = await shoppers(server.url, products, config.shoppers);
      if (flag("http")) {
        // The cart-page cases again, with the server's CPU time per request beside throughput.
        const rows = 6 * config.shoppers;
        await fillOurSessions(db, 0, rows);
        await vacuumAnalyze(db, "sessions");
        const emptyRows = liveSample(rows, 2 * config.shoppers).filter((i) => !holdsCart(i));
        const empty = await emptyCartCookies(emptyRows.slice(0, config.shoppers));
        const pgid = serverPid(server);
        extras.http = await httpRounds(server.url, httpCases(cookies, empty, products), {
          rounds: config.rounds,
          durationMs: config.httpDurationMs,
          connections: config.httpConnections,
          log,
          cpuMs: () => groupCpuMs(pgid),
        });
      }
      if (flag("skip-server-cost")) throw new Error("skipped (--skip-server-cost)");
      const n = Math.min(config.dbCostRequests, 2 * config.shoppers);
      extras.server = {
        "GET /api/auth/me": await serverReadCost(server.url, db, "/api/auth/me", cookies, n),
        "GET /cart": await serverReadCost(server.url, db, "/cart", cookies, n),
      };
      log(`  server db cost: ${JSON.stringify(extras.server)}`);
    } catch (error) {
      if (!flag("skip-server-cost"))
        extras.failures.push({ section: "server read cost", error: (error as Error).message });
    } finally {
      await server.stop();
    }
    try {
      extras.remote = {
        ...(await remoteDatabaseCase({
          dbUrl: db,
          cookies,
          rounds: config.rounds,
          durationMs: Math.max(3000, config.httpDurationMs),
          connections: config.httpConnections,
          log,
        })),
        separateRun: { startedAt: extras.startedAt, loadAverage: extras.loadAverage },
      };
    } catch (error) {
      extras.failures.push({ section: "database 1 ms away", error: (error as Error).message });
    }
  } finally {
    await dropBenchDatabases();
  }
  writeFileSync(out, `${JSON.stringify(extras, null, 2)}\n`);
  log(`extras: ${out}`);
  return extras.failures.length ? 1 : 0;
}

/** A report with the extras of a separate run merged in (they replace the run's own figures). */
function mergeExtras(saved: BenchResults, extras: Extras): BenchResults {
  const note = { startedAt: extras.startedAt, loadAverage: extras.loadAverage };
  return {
    ...saved,
    remote: extras.remote ?? saved.remote,
    dbCost:
      saved.dbCost && extras.server
        ? {
            ...saved.dbCost,
            server: extras.server,
            serverSeparateRun: note,
            serverInRun: saved.dbCost.serverInRun ?? saved.dbCost.server,
          }
        : saved.dbCost,
    remoteInRun: extras.remote ? (saved.remoteInRun ?? saved.remote) : saved.remoteInRun,
    // Every separate run of the case stays in the report, not only the last one.
    remoteEarlier:
      extras.remote && saved.remote?.separateRun
        ? [...(saved.remoteEarlier ?? []), saved.remote]
        : saved.remoteEarlier,
    httpSeparate: extras.http ? { cases: extras.http, run: note } : saved.httpSeparate,
    memory: extras.memory ?? saved.memory,
    memoryInRun: extras.memory ? (saved.memoryInRun ?? saved.memory) : saved.memoryInRun,
    failures: [
      ...saved.failures,
      ...extras.failures.map((f) => ({ ...f, section: `${f.section} (separate run)` })),
    ],
  };
}

/** Issue #9's load with faults: mixed shopper traffic while the database connection is cut twice. */
async function loadWithFaults(): Promise<BenchResults["faults"]> {
  if (flag("skip-faults")) return { skipped: "skipped (--skip-faults)" };
  log("load with faults (bench/faults/run.ts)");
  return runLoadWithFaults({ quick, log });
}

function writeReport(results: BenchResults, started: Date, quickMode: boolean): void {
  const dir = path.join(process.cwd(), "bench", "results");
  mkdirSync(dir, { recursive: true });
  const stamp = started.toISOString().slice(0, 10);
  const base = `${stamp}${quickMode ? "-quick" : ""}`;
  const svgName = `${base}.svg`;
  writeFileSync(path.join(dir, svgName), renderSvg(results));
  writeFileSync(path.join(dir, `${base}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(dir, `${base}.md`), renderMarkdown(results, svgName));
  log(`report: bench/results/${base}.md (and .json, .svg), ${results.durationSeconds} s`);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    dropBenchDatabases().finally(() => process.exit(1));
  },
);
