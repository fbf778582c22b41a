import { inArray, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { authThrottle } from "@/db/schema";

/**
 * Failed-attempt counters in PostgreSQL, so every instance sees the same count. After `slowAfter`
 * failures each attempt waits (doubling, capped); at `limit` the key is refused until the window ends.
 */
export type ThrottleRule = { key: string; limit: number };
export const THROTTLE_WINDOW_MS = 15 * 60_000;
const SLOW_AFTER = 3;
const MAX_DELAY_MS = 4000;

export type ThrottleState = { delayMs: number; retryAfterSeconds: number | null };

export async function throttleState(db: Queryable, rules: ThrottleRule[], now: Date): Promise<ThrottleState> {
  const rows = await db
    .select()
    .from(authThrottle)
    .where(
      inArray(
        authThrottle.key,
        rules.map((r) => r.key),
      ),
    );
  let delayMs = 0;
  let retryAfterSeconds: number | null = null;
  for (const row of rows) {
    const windowEnds = row.windowStartedAt.getTime() + THROTTLE_WINDOW_MS;
    if (windowEnds <= now.getTime()) continue;
    const limit = rules.find((r) => r.key === row.key)!.limit;
    if (row.failures >= limit) {
      retryAfterSeconds = Math.max(retryAfterSeconds ?? 0, Math.ceil((windowEnds - now.getTime()) / 1000));
    } else if (row.failures >= SLOW_AFTER) {
      delayMs = Math.max(delayMs, Math.min(MAX_DELAY_MS, 250 * 2 ** (row.failures - SLOW_AFTER)));
    }
  }
  return { delayMs, retryAfterSeconds };
}

export async function recordFailure(db: Queryable, rules: ThrottleRule[], now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  for (const { key } of rules) {
    await db.execute(sql`
      insert into auth_throttle (key, failures, window_started_at) values (${key}, 1, ${now})
      on conflict (key) do update set
        failures = case when auth_throttle.window_started_at <= ${windowStart} then 1 else auth_throttle.failures + 1 end,
        window_started_at = case when auth_throttle.window_started_at <= ${windowStart} then ${now} else auth_throttle.window_started_at end`);
  }
}

export async function clearFailures(db: Queryable, key: string): Promise<void> {
  await db.delete(authThrottle).where(sql`${authThrottle.key} = ${key}`);
}
