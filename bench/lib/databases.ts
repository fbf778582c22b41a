import pg from "pg";

/** Databases this run creates (keepcart_bench_<pid>_…) on the server of BENCH_DATABASE_URL. Only those are dropped. */
export const BENCH_DB_PREFIX = "keepcart_bench_";

export function adminUrl(): string {
  return (
    process.env.BENCH_DATABASE_URL ??
    process.env.DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/postgres"
  );
}

export function urlFor(database: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${database}`;
  return u.toString();
}

export async function query<T extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, application_name: "keepcart-bench-admin" });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const created: string[] = [];

export async function createBenchDatabase(label: string): Promise<string> {
  const name = `${BENCH_DB_PREFIX}${process.pid}_${label}`;
  await query(urlFor("postgres"), `drop database if exists ${name} with (force)`);
  await query(urlFor("postgres"), `create database ${name}`);
  created.push(name);
  return urlFor(name);
}

export async function dropBenchDatabases(): Promise<void> {
  for (const name of created.splice(0)) {
    await query(urlFor("postgres"), `drop database if exists ${name} with (force)`).catch((error) =>
      console.warn(`could not drop ${name}: ${(error as Error).message}`),
    );
  }
}

export type DbCounters = {
  xactCommit: number;
  tupFetched: number;
  inserted: number;
  updated: number;
  deleted: number;
};

/**
 * Server-side counters of one database. Backends report their statistics when they go idle for a
 * while or exit, so callers close their pools (or wait for the idle timeout) before reading.
 */
export async function dbCounters(url: string): Promise<DbCounters> {
  const [row] = await query<Record<string, string>>(
    url,
    `select d.xact_commit, d.tup_fetched,
       coalesce(sum(t.n_tup_ins), 0) as ins, coalesce(sum(t.n_tup_upd), 0) as upd, coalesce(sum(t.n_tup_del), 0) as del
     from pg_stat_database d, pg_stat_user_tables t
     where d.datname = current_database() group by d.xact_commit, d.tup_fetched`,
  );
  return {
    xactCommit: Number(row!.xact_commit),
    tupFetched: Number(row!.tup_fetched),
    inserted: Number(row!.ins),
    updated: Number(row!.upd),
    deleted: Number(row!.del),
  };
}
