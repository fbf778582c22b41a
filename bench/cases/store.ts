import { sealData, unsealData } from "iron-session";
import type { Pool } from "pg";
import { sessionCacheReady } from "@/lib/cache";
import { getDb } from "@/lib/database";
import { env } from "@/lib/env";
import { sessionPolicy } from "@/lib/session/policy";
import { resolveSessionCookie } from "@/lib/session/resolve";
import { forgetSeal, sealToken } from "@/lib/session/seal";
import { findSession } from "@/lib/session/store";
import { sessionIdOf } from "@/lib/session/token";
import { benchToken, peerSid } from "../lib/fill";
import { type CaseSummary, interleaved, type LoadCase } from "../lib/load";
import type { Peer } from "../lib/peer";

export type StoreResults = Record<string, Record<string, CaseSummary>>; // concurrency → case → figures

/** The warm-cache case, checked: calls made, and calls during which a statement was sent on the pool. */
export type WarmCheck = Record<string, { calls: number; callsWithStatements: number; statements: number }>;

/** Live rows are the odd ones (fill.ts); a sample spread over the whole table, not its hot end. */
export function liveSample(rows: number, count: number): number[] {
  const n = Math.min(count, Math.floor(rows / 2));
  return Array.from({ length: n }, (_, k) => 2 * Math.floor((k * rows) / 2 / n) + 1);
}

export async function sealedCookies(rows: number[]): Promise<string[]> {
  const ttl = Math.ceil(sessionPolicy().absoluteMs / 1000);
  return Promise.all(rows.map((i) => sealToken(benchToken(i), ttl)));
}

/** A read-your-writes fence no cached entry passes: the read goes to the database, as without the cache. */
const BYPASS_CACHE = Number.MAX_SAFE_INTEGER;

/** Our per-request read, failing loudly if a live session does not resolve (a wrong bench must not look fast). */
export async function resolveOrThrow(cookie: string, options: { bypassCache?: boolean } = {}): Promise<void> {
  const { session } = await resolveSessionCookie(cookie, new Date(), options.bypassCache ? BYPASS_CACHE : 0);
  if (!session) throw new Error("a live bench session did not resolve");
}

export async function storeCases(opts: {
  rows: number;
  peer: Peer;
  peerRows: number;
  rounds: number;
  durationMs: number;
  concurrencies: number[];
  log: (s: string) => void;
}): Promise<{ results: StoreResults; warmCheck: WarmCheck }> {
  const sample = liveSample(opts.rows, 2000);
  const cookies = await sealedCookies(sample);
  for (const c of cookies) await resolveOrThrow(c); // warm: the seal cache and shared buffers
  const ids = sample.map((i) => sessionIdOf(benchToken(i)));
  const db = await getDb();
  const pool = (db as unknown as { $client: Pool }).$client;
  const peerSids = Array.from({ length: 2000 }, (_, k) => peerSid(1 + ((k * 7919) % opts.peerRows)));
  const peerSession = await opts.peer.get(peerSids[0]!);
  if (!peerSession) throw new Error("peer session not found: the peer table fill is wrong");
  const password = env().sessionSecrets;
  const stateless = await sealData({ t: benchToken(1) }, { password, ttl: 3600 });
  const pick = <T>(list: T[], i: number) => list[i % list.length]!;

  await sessionCacheReady();
  // Every statement sent on the app's pool is counted, so the warm case proves it ran none.
  let statements = 0;
  const original = pool.query;
  pool.query = ((...args: Parameters<Pool["query"]>) => {
    statements++;
    return (original as (...a: unknown[]) => unknown).apply(pool, args);
  }) as Pool["query"];
  const warm = { calls: 0, callsWithStatements: 0, statements: 0 };
  const cases: LoadCase[] = [
    // A returning visitor on a warm instance: the session cache answers (lib/cache, ADR 035).
    {
      name: "ours: resolve (warm cache)",
      run: async (i) => {
        const before = statements;
        await resolveOrThrow(pick(cookies, i));
        warm.calls++;
        // Other workers of this case run concurrently, but only this case runs now: any
        // statement sent during it belongs to a warm-cache call.
        if (statements > before) {
          warm.callsWithStatements++;
          warm.statements += statements - before;
        }
      },
    },
    {
      name: "ours: resolve, session cache bypassed (seal cached)",
      run: (i) => resolveOrThrow(pick(cookies, i), { bypassCache: true }),
    },
    {
      name: "ours: resolve (seal uncached, no session cache)",
      run: (i) => {
        const c = pick(cookies, i);
        forgetSeal(c); // every call pays the unseal and the SELECT, as a first request to a fresh instance does
        return resolveOrThrow(c, { bypassCache: true });
      },
    },
    // Diagnostics that split our cost: the query alone, and the query without the counts.
    { name: "diagnostic: findSession alone", run: (i) => findSession(db, pick(ids, i), new Date()) },
    {
      name: "diagnostic: session row only",
      run: (i) =>
        pool.query({
          name: "bench_session_row_only",
          text: `select s.id, s.user_id, s.created_at, s.last_seen_at, s.absolute_expires_at from sessions s
                 where s.id = $1 and s.idle_expires_at > $2 and s.absolute_expires_at > $2`,
          values: [pick(ids, i), new Date()],
        }),
    },
    {
      name: "floor: bare prepared SELECT",
      run: (i) =>
        pool.query({
          name: "bench_bare_select",
          text: "select id, user_id, last_seen_at, idle_expires_at, absolute_expires_at from sessions where id = $1",
          values: [pick(ids, i)],
        }),
    },
    { name: "peer: get", run: (i) => opts.peer.get(pick(peerSids, i)) },
    { name: "peer: touch", run: (i) => opts.peer.touch(pick(peerSids, i), peerSession) },
    {
      name: "peer: get + touch",
      run: async (i) => {
        const sid = pick(peerSids, i);
        const s = await opts.peer.get(sid);
        await opts.peer.touch(sid, s ?? peerSession);
      },
    },
    { name: "stateless: iron unseal", run: () => unsealData(stateless, { password, ttl: 3600 }) },
    { name: "stateless: iron seal", run: (i) => sealData({ t: pick(ids, i) }, { password, ttl: 3600 }) },
  ];
  const results: StoreResults = {};
  const warmCheck: WarmCheck = {};
  try {
    for (const concurrency of opts.concurrencies) {
      opts.log(`  store level, concurrency ${concurrency}, ${opts.rows.toLocaleString("en")} sessions`);
      Object.assign(warm, { calls: 0, callsWithStatements: 0, statements: 0 });
      results[String(concurrency)] = await interleaved(cases, { ...opts, concurrency });
      warmCheck[String(concurrency)] = { ...warm };
      opts.log(`    warm-cache case: ${JSON.stringify(warm)}`);
    }
  } finally {
    pool.query = original;
  }
  return { results, warmCheck };
}
