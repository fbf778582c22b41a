// @module-tag pglite
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testDatabaseKind } from "@/test/setup";
import { THROTTLE_WINDOW_MS } from "../auth/throttle";
import { getDb } from "../database";
import { sessionPolicy } from "./policy";
import { lastPrune, pruneBatchStatement, pruneExpiredSessions } from "./prune";
import { insertSession } from "./store";
import { newSessionToken, sessionIdOf } from "./token";

async function makeSessions(count: number, createdAt: Date): Promise<string[]> {
  const db = await getDb();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = sessionIdOf(newSessionToken());
    await insertSession(db, {
      id,
      userId: null,
      now: createdAt,
      policy: sessionPolicy(),
      userAgent: null,
      ip: null,
    });
    ids.push(id);
  }
  return ids;
}

async function existing(ids: string[]): Promise<number> {
  const db = await getDb();
  const result = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from sessions where id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  return Number(result.rows[0]!.n);
}

describe("pruning expired sessions", () => {
  it("deletes only expired rows, in batches, with their anonymous carts, and records the run", async () => {
    const db = await getDb();
    const policy = sessionPolicy();
    const now = new Date();
    const expired = await makeSessions(250, new Date(now.getTime() - policy.idleMs - 1000));
    const live = await makeSessions(40, new Date(now.getTime() - 1000));
    await db.execute(sql`insert into carts (session_id) values (${expired[0]}), (${live[0]})`);

    const result = await pruneExpiredSessions(db, { now, batchSize: 100 });

    expect(result.ran).toBe(true);
    expect(result.sessionsDeleted).toBeGreaterThanOrEqual(250);
    expect(result.batches).toBeGreaterThanOrEqual(3); // 250 rows at 100 a statement
    expect(await existing(expired)).toBe(0);
    expect(await existing(live)).toBe(40);
    const carts = await db.execute<{ session_id: string }>(
      sql`select session_id from carts where session_id is not null`,
    );
    expect(carts.rows.map((r) => r.session_id)).toContain(live[0]);
    expect(carts.rows.map((r) => r.session_id)).not.toContain(expired[0]);
    const last = await lastPrune(db);
    expect(last?.rows).toBe(result.sessionsDeleted);
    expect(last?.finishedAt).toBeInstanceOf(Date);
  });

  it("lets only one of two concurrent prunes run", async () => {
    const db = await getDb();
    await makeSessions(300, new Date(Date.now() - sessionPolicy().absoluteMs - 1000));
    const first = pruneExpiredSessions(db, { batchSize: 3 }); // ~100 statements: long enough to overlap
    for (;;) {
      const lease = await db.execute<{ held: boolean }>(
        sql`select locked_until is not null as held from maintenance_runs where name = 'prune-sessions'`,
      );
      if (lease.rows[0]?.held) break;
    }
    const second = await pruneExpiredSessions(db);
    expect(second.ran).toBe(false);
    expect((await first).ran).toBe(true);
    // The lease is released afterwards: a later prune runs again.
    expect((await pruneExpiredSessions(db)).ran).toBe(true);
  });

  it("a crashed pruner's lease expires instead of blocking pruning forever", async () => {
    const db = await getDb();
    await db.execute(sql`
      insert into maintenance_runs (name, locked_until) values ('prune-sessions', ${new Date(Date.now() + 60_000)})
      on conflict (name) do update set locked_until = excluded.locked_until`);
    expect((await pruneExpiredSessions(db)).ran).toBe(false);
    expect((await pruneExpiredSessions(db, { now: new Date(Date.now() + 120_000) })).ran).toBe(true);
  });
  it("deletes the longest-expired rows first, a batch at a time, found through the expiry index", async () => {
    const db = await getDb();
    const policy = sessionPolicy();
    const now = new Date();
    const oldest = await makeSessions(5, new Date(now.getTime() - policy.idleMs - 3_600_000));
    const newer = await makeSessions(5, new Date(now.getTime() - policy.idleMs - 1000));
    const deleted = await db.execute(pruneBatchStatement(now, 5));
    expect(deleted.rowCount ?? deleted.rows.length).toBe(5);
    expect(await existing(oldest)).toBe(0);
    expect(await existing(newer)).toBe(5);
    if (testDatabaseKind === "postgres") {
      // Half of a big table expired: the batch must walk the expiry index and delete by primary key.
      // A sequential scan here rereads every dead row of the batches before it: quadratic in the prune.
      await db.execute(sql`
        insert into sessions (id, created_at, last_seen_at, idle_expires_at, absolute_expires_at)
        select 'bulk-' || i, now(), now(), now() + make_interval(days => case when i % 2 = 0 then -1 else 1 end, secs => i),
          now() + interval '90 days'
        from generate_series(1, 20000) as i`);
      await db.execute(sql`analyze sessions`);
      const plan = await db.execute<{ "QUERY PLAN": string }>(sql`explain ${pruneBatchStatement(now, 5000)}`);
      const text = plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
      expect(text).toContain("sessions_idle_expires_at_idx");
      expect(text).not.toMatch(/Seq Scan/);
      // The 10,000 expired rows would make the next test's 2-row batches take 5,000 round trips.
      await db.execute(sql`delete from sessions where id like 'bulk-%'`);
    }
  });

  it("also deletes login-throttle counters whose window has ended, and keeps the live ones", async () => {
    const db = await getDb();
    const now = new Date();
    const ended = new Date(now.getTime() - THROTTLE_WINDOW_MS - 1000);
    const live = new Date(now.getTime() - 60_000);
    const keys = Array.from({ length: 7 }, (_, i) => `login-ip:prune-test-${i}`);
    for (const [i, key] of keys.entries()) {
      await db.execute(sql`insert into auth_throttle (key, failures, window_started_at)
        values (${key}, 5, ${i < 5 ? ended : live})`);
    }

    await pruneExpiredSessions(db, { now, batchSize: 2 });

    const left = await db.execute<{ key: string; failures: number }>(
      sql`select key, failures from auth_throttle where key like 'login-ip:prune-test-%' order by key`,
    );
    expect(left.rows.map((r) => [r.key, Number(r.failures)])).toEqual([
      [keys[5], 5],
      [keys[6], 5],
    ]);
  });
});
