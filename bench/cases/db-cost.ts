import type { Pool } from "pg";
import { sessionCacheReady, sessionCacheStatus } from "@/lib/cache";
import { closeDb, getDb } from "@/lib/database";
import { type DbCounters, dbCounters } from "../lib/databases";
import { createPeer, startPeerServer } from "../lib/peer";
import { resolveOrThrow } from "./store";

export type RequestCost = {
  requests: number;
  roundTripsPerRequest: number; // counted in the client (every pool.query)
  transactionsPerRequest: number; // pg_stat_database.xact_commit delta
  rowsWrittenPerRequest: number; // pg_stat_user_tables n_tup_ins + n_tup_upd + n_tup_del delta
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Closing the pool ends its backends, which makes them report their statistics. */
async function settled(url: string): Promise<DbCounters> {
  await pause(300);
  return dbCounters(url);
}

function perRequest(before: DbCounters, after: DbCounters, overhead: DbCounters, n: number) {
  const d = (k: keyof DbCounters) => after[k] - before[k] - overhead[k];
  return {
    transactionsPerRequest: d("xactCommit") / n,
    rowsWrittenPerRequest: (d("inserted") + d("updated") + d("deleted")) / n,
  };
}

const zero: DbCounters = { xactCommit: 0, tupFetched: 0, inserted: 0, updated: 0, deleted: 0 };

const listenerStatements = () => sessionCacheStatus().listenerStatements ?? 0;

/**
 * Ours: the per-request read (resolveSessionCookie) of `cookies.length` existing live sessions by a
 * returning visitor on a warm instance: a first pass fills the session cache, the second is
 * measured. The cache's own listening connection (LISTEN, heartbeats) counts its statements, and
 * they are subtracted from PostgreSQL's figures like the store's start-up queries.
 */
export async function ourReadCost(url: string, cookies: string[]): Promise<RequestCost> {
  // Opening the store runs start-up queries (version, migrations check, catalog check): measured
  // on its own first and subtracted.
  await closeDb();
  const b0 = await settled(url);
  await getDb();
  await sessionCacheReady();
  const startupListener = listenerStatements();
  await closeDb();
  const b1 = await settled(url);
  const startup = Object.fromEntries(
    Object.keys(zero).map((k) => [k, b1[k as keyof DbCounters] - b0[k as keyof DbCounters]]),
  ) as DbCounters;
  startup.xactCommit -= startupListener;
  const pool = ((await getDb()) as unknown as { $client: Pool }).$client;
  await sessionCacheReady();
  let statements = 0;
  const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    statements++;
    return original(...args);
  };
  for (const cookie of cookies) await resolveOrThrow(cookie); // fills the cache
  const filling = statements;
  for (const cookie of cookies) await resolveOrThrow(cookie);
  const measured = statements - filling;
  const overhead = { ...startup, xactCommit: startup.xactCommit + filling + listenerStatements() };
  await closeDb();
  const b2 = await settled(url);
  await getDb(); // later cases use the store again
  return {
    requests: cookies.length,
    roundTripsPerRequest: measured / cookies.length,
    ...perRequest(b1, b2, overhead, cookies.length),
  };
}

/** The peer: read-only GET requests through express-session's middleware with an existing session. */
export async function peerReadCost(url: string, requests: number): Promise<RequestCost> {
  const writer = createPeer(url);
  const writerServer = await startPeerServer(writer);
  const created = await fetch(`${writerServer.url}/add?p=1`, { method: "POST" });
  const cookie = created.headers.get("set-cookie")?.split(";")[0];
  await writerServer.close();
  await writer.close();
  if (!cookie) throw new Error("the peer did not set a session cookie");
  const before = await settled(url);
  const peer = createPeer(url);
  const server = await startPeerServer(peer);
  for (let i = 0; i < requests; i++) {
    const response = await fetch(`${server.url}/cart`, { headers: { cookie } });
    const body = (await response.json()) as { itemCount: number };
    if (body.itemCount !== 1) throw new Error("the peer lost its session");
  }
  const statements = peer.statements();
  await server.close();
  await peer.close();
  const after = await settled(url);
  return {
    requests,
    roundTripsPerRequest: statements / requests,
    ...perRequest(before, after, zero, requests),
  };
}
