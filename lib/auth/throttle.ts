import { inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { authThrottle } from "@/db/schema";

/**
 * Attempt counters in PostgreSQL, so every instance sees the same count. Each attempt is counted
 * before the password is checked (one upsert per key, returning the new count): parallel guesses
 * cannot all slip past the limit between a read and a write. After `SLOW_AFTER` failures an attempt
 * waits (doubling, capped); past `limit` the key is refused until its window ends. A success gives
 * its own claim back and clears the keys it names.
 */
export type ThrottleRule = { key: string; limit: number; slowAfter?: number };
export const THROTTLE_WINDOW_MS = 15 * 60_000;
const SLOW_AFTER = 3;
const MAX_DELAY_MS = 4000;

export type ThrottleState = { delayMs: number; retryAfterSeconds: number | null };

/** Counts this attempt against every rule's key and says whether (and after what wait) it may go on. */
export async function claimAttempt(db: Queryable, rules: ThrottleRule[], now: Date): Promise<ThrottleState> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  let delayMs = 0;
  let retryAfterSeconds: number | null = null;
  for (const { key, limit, slowAfter = SLOW_AFTER } of rules) {
    const result = await db.execute<{ failures: number; window_started_at: string | Date }>(sql`
      insert into auth_throttle (key, failures, window_started_at) values (${key}, 1, ${now})
      on conflict (key) do update set
        failures = case when auth_throttle.window_started_at <= ${windowStart} then 1 else auth_throttle.failures + 1 end,
        window_started_at = case when auth_throttle.window_started_at <= ${windowStart} then ${now} else auth_throttle.window_started_at end
      returning failures, window_started_at`);
    const row = result.rows[0]!;
    const previous = Number(row.failures) - 1; // the attempts before this one
    const windowEnds = new Date(row.window_started_at).getTime() + THROTTLE_WINDOW_MS;
    if (previous >= limit) {
      const seconds = Math.max(1, Math.ceil((windowEnds - now.getTime()) / 1000));
      retryAfterSeconds = Math.max(retryAfterSeconds ?? 0, seconds);
    } else if (previous >= slowAfter) {
      delayMs = Math.max(delayMs, Math.min(MAX_DELAY_MS, 250 * 2 ** (previous - slowAfter)));
    }
  }
  return { delayMs, retryAfterSeconds };
}

/**
 * This attempt was not a wrong guess (a right password, or a failure of ours such as an outage):
 * its claim is given back, and the `clear` keys start from zero.
 */
export async function releaseAttempt(
  db: Queryable,
  rules: ThrottleRule[],
  clear: string[] = [],
): Promise<void> {
  const keys = rules.map((r) => r.key);
  if (keys.length > 0) {
    await db.execute(sql`update auth_throttle set failures = greatest(failures - 1, 0)
      where key in (${sql.join(
        keys.map((k) => sql`${k}`),
        sql`, `,
      )})`);
  }
  if (clear.length > 0) await db.delete(authThrottle).where(inArray(authThrottle.key, clear));
}

/**
 * Counters whose window has ended count for nothing (the next attempt starts at 1): delete them, in
 * batches, so failed guesses at many made-up accounts do not grow the table for ever. Runs with the
 * session prune, under its lease. Returns the rows deleted.
 */
export async function pruneEndedThrottles(db: Queryable, now: Date, batchSize: number): Promise<number> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  let deleted = 0;
  for (;;) {
    const result = await db.execute(sql`
      delete from auth_throttle where key = any(array(
        select key from auth_throttle where window_started_at <= ${windowStart}
        limit ${batchSize} for update skip locked))`);
    const count = result.rowCount ?? result.rows.length;
    deleted += count;
    if (count < batchSize) return deleted;
  }
}
