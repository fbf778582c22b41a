import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { type CacheStatus, sessionCacheStatus } from "../cache";
import { asDate, pingDatabase, type StoreHealth, storeHealth, withDb } from "../database";
import { type LastPrune, lastPrune, type PruneResult, pruneExpiredSessions } from "../session/prune";
import { recordAudit } from "./audit";
import { type SessionCounts, sessionCounts } from "./dashboard";

export type HourBucket = { hourStart: Date; count: number };

const HOUR_MS = 3_600_000;

/**
 * Sessions created in each of the last 24 whole hours (UTC, oldest first, the current hour last).
 * Counted from the rows still stored: a session deleted since (logout, prune) no longer counts.
 */
export async function sessionsPerHour(db: Queryable, now: Date): Promise<HourBucket[]> {
  const currentHour = Math.floor(now.getTime() / HOUR_MS);
  const first = currentHour - 23;
  const result = await db.execute<{ hour: number; n: number }>(sql`
    select floor(extract(epoch from created_at) / 3600)::int as hour, count(*)::int as n
    from sessions where created_at >= ${new Date(first * HOUR_MS)}
    group by 1`);
  const byHour = new Map(result.rows.map((r) => [Number(r.hour), Number(r.n)]));
  return Array.from({ length: 24 }, (_, i) => ({
    hourStart: new Date((first + i) * HOUR_MS),
    count: byHour.get(first + i) ?? 0,
  }));
}

export type StoreReport = {
  store: StoreHealth | null;
  roundTripMs: number;
  sessions: SessionCounts;
  lastPrune: LastPrune | null;
  perHour: HourBucket[];
  /** This instance's session cache, and how full PostgreSQL's notification queue is (0–1; PostgreSQL only). */
  cache: CacheStatus & { notificationQueueUsage: number | null };
};

/** Everything the session store page and /api/admin/health show. Throws UNAVAILABLE when the database is down. */
export async function getStoreReport(now = new Date()): Promise<StoreReport> {
  const roundTripMs = await pingDatabase();
  return withDb(async (db) => ({
    store: storeHealth() ?? null,
    roundTripMs,
    sessions: await sessionCounts(db, now),
    lastPrune: normalisePrune(await lastPrune(db)),
    perHour: await sessionsPerHour(db, now),
    cache: { ...sessionCacheStatus(), notificationQueueUsage: await notificationQueueUsage(db) },
  }));
}

/** A listener that stops reading fills the queue; when it is full every notifying commit fails (ADR 035). */
async function notificationQueueUsage(db: Queryable): Promise<number | null> {
  if (storeHealth()?.kind !== "postgres") return null;
  const result = await db.execute<{ usage: number }>(sql`select pg_notification_queue_usage() as usage`);
  return Number(result.rows[0]?.usage ?? 0);
}

// Raw queries through drizzle's pg driver return timestamps as text: make them Dates for the page and JSON.
function normalisePrune(run: LastPrune | null): LastPrune | null {
  return run && { ...run, startedAt: asDate(run.startedAt), finishedAt: asDate(run.finishedAt) };
}

/**
 * "Prune now": the same job the timer and cron run. The prune deletes in small batches, each its own
 * statement (one long transaction would hold every row lock), so its audit record follows the run.
 */
export async function pruneNow(actor: string): Promise<PruneResult> {
  return withDb(async (db) => {
    const result = await pruneExpiredSessions(db);
    if (result.ran) {
      await recordAudit(db, {
        actor,
        action: "sessions.prune",
        entity: "sessions",
        entityId: "expired",
        before: null,
        after: {
          sessionsDeleted: result.sessionsDeleted,
          batches: result.batches,
          durationMs: result.durationMs,
        },
      });
    }
    return result;
  });
}
