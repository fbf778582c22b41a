import { waitUntil } from "@vercel/functions";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { maintenanceRuns } from "@/db/schema";
import { pruneEndedThrottles } from "../auth/throttle";
import { pruneDeadTokens } from "../auth/tokens";
import { withDb } from "../database";
import { env } from "../env";
import { pruneUsedFormTokens } from "../form-token";
import { log } from "../log";
import { releaseUnpaidOrders } from "../payment/expire";

export type PruneResult = {
  ran: boolean;
  sessionsDeleted: number;
  batches: number;
  durationMs: number;
  /** Unpaid orders whose payment hold ended: cancelled, their stock back on sale (decision 032). */
  ordersReleased: number;
};

const JOB = "prune-sessions";
const LEASE_MS = 5 * 60_000;

/**
 * Deletes expired sessions (their anonymous carts go with them, ON DELETE CASCADE) in batches, so
 * no statement holds many row locks. One instance at a time: a lease row in maintenance_runs, which
 * works through any pooler (docs/decisions/005-prune-lease.md). The run's figures stay in that row.
 * Login-throttle counters whose window has ended go in the same run, and so do unpaid orders whose
 * payment hold has ended (lib/payment/expire.ts): their stock goes back on sale.
 */
export async function pruneExpiredSessions(
  db: Db,
  options: { now?: Date; batchSize?: number } = {},
): Promise<PruneResult> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? env().PRUNE_BATCH_SIZE;
  const started = performance.now();
  const leased = await db.execute(sql`
    insert into maintenance_runs (name, locked_until, last_started_at)
    values (${JOB}, ${new Date(now.getTime() + LEASE_MS)}, ${now})
    on conflict (name) do update set locked_until = excluded.locked_until, last_started_at = excluded.last_started_at
    where maintenance_runs.locked_until is null or maintenance_runs.locked_until < ${now}
    returning name`);
  if (leased.rows.length === 0) {
    return { ran: false, sessionsDeleted: 0, batches: 0, durationMs: 0, ordersReleased: 0 };
  }

  let sessionsDeleted = 0;
  let batches = 0;
  let throttleRowsDeleted = 0;
  let ordersReleased = 0;
  try {
    ordersReleased = await releaseUnpaidOrders(db, now);
    for (;;) {
      const deleted = await db.execute(pruneBatchStatement(now, batchSize));
      const count = deleted.rowCount ?? deleted.rows.length;
      sessionsDeleted += count;
      batches++;
      if (count < batchSize) break;
    }
    throttleRowsDeleted = await pruneEndedThrottles(db, now, batchSize);
    // Few rows (one per reset or email change asked for): one statement, no batches.
    await pruneDeadTokens(db, now);
    await pruneUsedFormTokens(db, now);
  } finally {
    const durationMs = Math.round(performance.now() - started);
    await db.execute(sql`
      update maintenance_runs set locked_until = null, last_finished_at = ${new Date()},
        last_rows = ${sessionsDeleted}, last_duration_ms = ${durationMs}
      where name = ${JOB}`);
  }
  const durationMs = Math.round(performance.now() - started);
  log.info("pruned expired sessions", {
    sessionsDeleted,
    batches,
    throttleRowsDeleted,
    ordersReleased,
    durationMs,
  });
  return { ran: true, sessionsDeleted, batches, durationMs, ordersReleased };
}

/**
 * One batch. `id = any(array(…))` makes PostgreSQL fetch the batch first and then delete by primary
 * key. The `in (…)` form was planned, once half of a large table had expired, as a sequential scan
 * per batch that rereads the dead rows of every batch before it (quadratic: npm run bench measures
 * the prune). `order by idle_expires_at` walks the expiry index from its oldest end (idle expiry is
 * clamped to the absolute one, so it is the only condition needed).
 */
export function pruneBatchStatement(now: Date, batchSize: number) {
  return sql`
    delete from sessions where id = any(array(
      select id from sessions where idle_expires_at <= ${now}
      order by idle_expires_at limit ${batchSize} for update skip locked))`;
}

// Per instance (and per bundle copy of this module: at worst twice as often, the lease keeps it to one run).
let lastOpportunisticPrune = Number.NEGATIVE_INFINITY;

/**
 * Serverless instances have no timer that survives suspension, and Vercel Cron runs only for
 * production: so on Vercel a session write also starts a prune, at most once per
 * PRUNE_INTERVAL_SECONDS per instance, after the response (waitUntil), under the same lease.
 * Read-only requests never call this. Returns the background run, or undefined when none started.
 */
export function pruneAfterSessionWrite(now = Date.now()): Promise<void> | undefined {
  if (!process.env.VERCEL) return undefined; // long-running servers prune on the timer (lib/server-start.ts)
  if (now - lastOpportunisticPrune < env().PRUNE_INTERVAL_SECONDS * 1000) return undefined;
  lastOpportunisticPrune = now;
  const run = withDb((db) => pruneExpiredSessions(db)).then(
    () => undefined,
    (error) => log.warn("background session prune failed", { error }),
  );
  waitUntil(run);
  return run;
}

export type LastPrune = {
  startedAt: Date | null;
  finishedAt: Date | null;
  rows: number | null;
  durationMs: number | null;
};

export async function lastPrune(db: Db): Promise<LastPrune | null> {
  const rows = await db
    .select({
      startedAt: maintenanceRuns.lastStartedAt,
      finishedAt: maintenanceRuns.lastFinishedAt,
      rows: maintenanceRuns.lastRows,
      durationMs: maintenanceRuns.lastDurationMs,
    })
    .from(maintenanceRuns)
    .where(eq(maintenanceRuns.name, JOB));
  return rows[0] ?? null;
}
