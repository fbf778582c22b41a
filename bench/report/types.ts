import type { RequestCost } from "../cases/db-cost";
import type { ServerReadCost } from "../cases/http";
import type { LostUpdates } from "../cases/lost-updates";
import type { MemoryResults } from "../cases/memory";
import type { RemoteDatabaseResults } from "../cases/remote-database";
import type { RevocationResults } from "../cases/revocation";
import type { PruneResults } from "../cases/scale-prune";
import type { StoreResults, WarmCheck } from "../cases/store";
import type { HttpSummary } from "../lib/http-client";
import type { CaseSummary } from "../lib/load";
import type { Machine } from "../lib/machine";

export type BenchConfig = {
  mode: "full" | "quick";
  sizes: [number, number, number]; // scale points; the middle one is the store-level table size
  rounds: number;
  storeDurationMs: number;
  concurrencies: number[];
  scaleDurationMs: number;
  pruneDurationMs: number;
  httpDurationMs: number;
  httpConnections: number;
  shoppers: number;
  lostUpdateRepeats: number;
  memoryWarmup: number;
  memoryRequests: number;
  dbCostRequests: number;
};

export type BenchResults = {
  startedAt: string;
  durationSeconds: number;
  config: BenchConfig;
  machine: Machine;
  buildId: string;
  rowBytes: { ours: number; peer: number };
  store?: StoreResults;
  storeWarmCheck?: WarmCheck;
  dbCost?: {
    ours: RequestCost;
    peer: RequestCost;
    server: Record<string, ServerReadCost>;
    /** When `server` comes from a separate run (`--only=extras`): its start and load average. */
    serverSeparateRun?: { startedAt: string; loadAverage: number[] };
    /** The main run's own server figures, kept when a separate run replaced them. */
    serverInRun?: Record<string, ServerReadCost>;
  };
  /** The main run's own figures of the database-1-ms-away case, kept when a separate run replaced them. */
  remoteInRun?: RemoteDatabaseResults;
  /** Earlier separate runs of the database-1-ms-away case, when a later one replaced them. */
  remoteEarlier?: RemoteDatabaseResults[];
  http?: Record<string, HttpSummary>;
  /** The HTTP cases again in a separate run (`--only=extras --http`), with the server's CPU per request. */
  httpSeparate?: { cases: Record<string, HttpSummary>; run: { startedAt: string; loadAverage: number[] } };
  lostUpdates?: LostUpdates;
  scale?: Record<string, CaseSummary>;
  prune?: PruneResults;
  memory?: MemoryResults;
  /** The main run's own memory figures, kept when a separate run (`--only=memory`) replaced them. */
  memoryInRun?: MemoryResults;
  revocation?: RevocationResults;
  remote?: RemoteDatabaseResults;
  faults?: { markdown: string; json: unknown; ok: boolean } | { skipped: string };
  /** 1, 5 and 15 minute load averages as each section started, and at the end. */
  loadAverages?: { section: string; load: number[] }[];
  failures: { section: string; error: string }[];
};
