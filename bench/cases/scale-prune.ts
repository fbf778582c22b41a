import { getDb } from "@/lib/database";
import { env } from "@/lib/env";
import { pruneExpiredSessions } from "@/lib/session/prune";
import { query } from "../lib/databases";
import { type CaseSummary, type LoadResult, runLoad, summarize } from "../lib/load";
import { liveSample, resolveOrThrow, sealedCookies } from "./store";

// Scale and pruning are about the table: they measure the database read, past the session cache.
const DATABASE_READ = { bypassCache: true };

async function warmCookies(rows: number): Promise<string[]> {
  const cookies = await sealedCookies(liveSample(rows, 2000));
  for (const c of cookies) await resolveOrThrow(c);
  return cookies;
}

/** Resolve latency at this table size, one request at a time (latency, not throughput). */
export async function scalePoint(opts: {
  rows: number;
  rounds: number;
  durationMs: number;
  log: (s: string) => void;
}): Promise<CaseSummary> {
  const cookies = await warmCookies(opts.rows);
  const rounds: LoadResult[] = [];
  for (let r = 0; r < opts.rounds; r++) {
    rounds.push(
      await runLoad((i) => resolveOrThrow(cookies[i % cookies.length]!, DATABASE_READ), {
        ...opts,
        concurrency: 1,
      }),
    );
  }
  const summary = summarize(rounds);
  opts.log(`  scale ${opts.rows.toLocaleString("en")} sessions: resolve p50 ${summary.p50Ms.toFixed(3)} ms`);
  return summary;
}

export type PruneResults = {
  rowsBefore: number;
  expiredBefore: number;
  deleted: number;
  batches: number;
  batchSize: number;
  pruneMs: number;
  without: LoadResult;
  during: LoadResult;
  afterwards: LoadResult;
};

/**
 * Time to prune the expired half, and resolve latency at concurrency 32 while it runs, against the
 * same load on the same table just before. The prune runs on the app's own pool, as the timer does.
 */
export async function pruneCase(opts: {
  rows: number;
  durationMs: number;
  url: string;
  log: (s: string) => void;
}): Promise<PruneResults> {
  const [counts] = await query<{ n: string; expired: string }>(
    opts.url,
    "select count(*) as n, count(*) filter (where idle_expires_at <= now()) as expired from sessions",
  );
  const cookies = await warmCookies(opts.rows);
  const resolve = (i: number) => resolveOrThrow(cookies[i % cookies.length]!, DATABASE_READ);
  const without = await runLoad(resolve, { concurrency: 32, durationMs: opts.durationMs });
  opts.log(`  prune: resolve p99 without pruning ${without.p99Ms.toFixed(2)} ms`);
  const db = await getDb();
  const started = performance.now();
  const prune = pruneExpiredSessions(db);
  const during = await runLoad(resolve, { concurrency: 32, durationMs: 30 * 60_000, until: prune });
  const result = await prune;
  const pruneMs = performance.now() - started;
  opts.log(
    `  prune: ${result.sessionsDeleted.toLocaleString("en")} rows in ${(pruneMs / 1000).toFixed(1)} s, resolve p99 during ${during.p99Ms.toFixed(2)} ms`,
  );
  const afterwards = await runLoad(resolve, { concurrency: 32, durationMs: opts.durationMs });
  return {
    rowsBefore: Number(counts!.n),
    expiredBefore: Number(counts!.expired),
    deleted: result.sessionsDeleted,
    batches: result.batches,
    batchSize: env().PRUNE_BATCH_SIZE,
    pruneMs,
    without,
    during,
    afterwards,
  };
}
