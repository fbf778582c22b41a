import { attachDatabasePool } from "@vercel/functions";
import { sql } from "drizzle-orm";
import { createEmbeddedStore, createPostgresStore, type Db, type Store } from "@/db/client";
import { migrate } from "@/db/migrate";
import { attachSeedImages, catalogNeeds, seedCatalog } from "@/db/seed";
import { startSessionCache, stopSessionCache } from "./cache";
import { devNote, secondsSince } from "./dev-notes";
import { env } from "./env";
import { toAppError } from "./errors";
import { noteOutage } from "./http/outage-status";
import { log } from "./log";
import { retryWithBackoff } from "./retry";

type State = {
  store?: Store;
  ready?: Promise<Store>;
  readyStore?: Store;
  serverVersion?: string;
  /** Set when a query failed for want of a database (or the pool lost a connection); cleared by the next success. */
  suspect?: boolean;
};

// One store per process, even if the bundler loads this module twice (proxy and app bundles):
// two PGlite instances on one folder would corrupt it.
const KEY = Symbol.for("keepcart.database");
const globals = globalThis as unknown as Record<symbol, State | undefined>;
function state(): State {
  globals[KEY] ??= {};
  return globals[KEY];
}

async function openStore(): Promise<Store> {
  const s = state();
  if (s.store) return s.store;
  const e = env();
  s.store = e.DATABASE_URL
    ? createPostgresStore(
        e.DATABASE_URL,
        {
          max: e.DB_POOL_MAX,
          connectTimeoutMs: e.DB_CONNECT_TIMEOUT_MS,
          statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
          idleTimeoutMs: e.DB_IDLE_TIMEOUT_MS,
        },
        (error) => {
          state().suspect = true;
          log.warn("database connection lost (idle client)", { error });
        },
      )
    : await createEmbeddedStore(e.PGLITE_DIR);
  // On Vercel a function instance is suspended between requests: this keeps it alive until idle
  // connections have been closed, so a suspended instance never strands connections on the server.
  if (s.store.kind === "postgres" && process.env.VERCEL) attachDatabasePool(s.store.pool);
  return s.store;
}

async function start(maxWaitMs: number): Promise<Store> {
  const store = await openStore();
  const version = await retryWithBackoff(
    async () => {
      const result = await store.db.execute<{ v: string }>(
        sql`select current_setting('server_version') as v`,
      );
      return result.rows[0]?.v ?? "?";
    },
    {
      maxWaitMs,
      onRetry: ({ attempt, delayMs, error }) =>
        log.warn("database not reachable, retrying", { attempt, retryInMs: delayMs, error }),
    },
  );
  let step = performance.now();
  const applied = await migrate(store.db);
  if (applied > 0) devNote(`applied ${applied} database migration(s) in ${secondsSince(step)}`);
  const needs = await catalogNeeds(store.db);
  if (needs.empty) {
    devNote("loading the demo catalog (4 categories, 28 products with their pictures)…");
    step = performance.now();
    const added = await seedCatalog(store.db);
    devNote(`demo catalog loaded in ${secondsSince(step)}`);
    log.info("seeded the demo catalog", { products: added });
  } else if (needs.pictures) {
    const attached = await store.db.transaction((tx) => attachSeedImages(tx));
    log.info("gave the demo products their pictures", { products: attached });
  }
  state().serverVersion = version;
  // After the migrations: the triggers that feed the cache exist before anything listens.
  startSessionCache(env(), store.kind);
  log.info(
    `session store: ${store.kind === "postgres" ? `PostgreSQL ${version.split(" ")[0]}` : "PGlite"} — ${store.describe()}`,
    {
      migrationsApplied: applied,
    },
  );
  return store;
}

/**
 * The ready store: connected, migrated, seeded. A failed start is never cached: the next caller tries
 * again. Start-up passes a long `maxWaitMs`; a request passes 0 so an outage answers 503 at once.
 */
export function ready(maxWaitMs = 0): Promise<Store> {
  const s = state();
  if (s.readyStore) return Promise.resolve(s.readyStore);
  s.ready ??= start(maxWaitMs).then(
    (store) => {
      s.readyStore = store;
      return store;
    },
    (error) => {
      s.ready = undefined;
      s.suspect = true;
      noteOutage();
      throw toAppError(error);
    },
  );
  return s.ready;
}

/** The database for a query. Throws AppError UNAVAILABLE if it cannot be reached. */
export async function getDb(): Promise<Db> {
  const s = state();
  return (s.readyStore ?? (await ready())).db;
}

/** Runs a query function and turns driver failures into AppError (UNAVAILABLE for outages). */
export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await getDb();
  try {
    const result = await fn(db);
    state().suspect = false;
    return result;
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "UNAVAILABLE") {
      state().suspect = true;
      noteOutage();
    }
    throw appError;
  }
}

/**
 * A timestamp read with raw `sql` (`db.execute`): drizzle leaves the driver's text as it is (a
 * Date on some paths), so rows are typed `Date | string` and made Dates here. The query builder
 * converts its columns itself.
 */
export function asDate(value: Date | string): Date;
export function asDate(value: Date | string | null): Date | null;
export function asDate(value: Date | string | null): Date | null {
  return value === null || value instanceof Date ? value : new Date(value);
}

/** True after an outage was seen and before the next successful query: worth a probe before rendering. */
export function databaseSuspect(): boolean {
  const s = state();
  return s.suspect === true || !s.readyStore;
}

/**
 * After an outage was seen, one `select 1` before a page renders: throws AppError UNAVAILABLE while
 * the database is still away. A session served from the cache needs no round trip, so without this
 * probe a page would get past its session read and fail in the middle of rendering (a blank page
 * without JavaScript). Costs nothing while the database is healthy.
 */
export async function confirmDatabaseIfSuspect(): Promise<void> {
  if (databaseSuspect()) await pingDatabase();
}

export type StoreHealth = {
  kind: "postgres" | "pglite";
  description: string;
  serverVersion?: string;
  pool?: { total: number; idle: number; waiting: number; max: number };
};

export function storeHealth(): StoreHealth | undefined {
  const s = state();
  const store = s.store;
  if (!store) return undefined;
  return {
    kind: store.kind,
    description: store.describe(),
    serverVersion: s.serverVersion,
    pool:
      store.kind === "postgres"
        ? {
            total: store.pool.totalCount,
            idle: store.pool.idleCount,
            waiting: store.pool.waitingCount,
            max: env().DB_POOL_MAX,
          }
        : undefined,
  };
}

/** Round-trip time of `select 1`, in milliseconds. Throws AppError UNAVAILABLE on failure. */
export async function pingDatabase(): Promise<number> {
  return withDb(async (db) => {
    const started = performance.now();
    await db.execute(sql`select 1`);
    return Math.round((performance.now() - started) * 100) / 100;
  });
}

/** Closes the pool (or PGlite) and forgets it: graceful shutdown and tests. */
export async function closeDb(): Promise<void> {
  const s = state();
  const store = s.store;
  globals[KEY] = {};
  await stopSessionCache();
  if (store) await store.close();
}
