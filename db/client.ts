import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { Pool } from "pg";
import { poolTransaction } from "./pool-transaction";
import * as schema from "./schema";
import { safeLocation, withExplicitSslMode } from "./url";

export type Db = NodePgDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or a transaction on it: every query function accepts both. */
export type Queryable = Db | Tx;

export type PoolSettings = {
  max: number;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  idleTimeoutMs: number;
};

export type Store =
  | { kind: "postgres"; db: Db; pool: Pool; describe: () => string; close: () => Promise<void> }
  | { kind: "pglite"; db: Db; pglite: PGlite; describe: () => string; close: () => Promise<void> };

/** node-postgres pool with every limit explicit; see .env.example for what each one is for. */
export function createPostgresStore(
  url: string,
  settings: PoolSettings,
  onIdleError: (e: Error) => void,
): Store {
  const pool = new Pool({
    connectionString: withExplicitSslMode(url),
    max: settings.max,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    idleTimeoutMillis: settings.idleTimeoutMs,
    keepAlive: true,
    application_name: "keepcart",
    // A SET on each new connection, not a startup parameter: transaction-mode poolers refuse or drop
    // startup parameters. pg-pool awaits it before lending the connection. Behind such a pooler a SET
    // may land on another server connection, so the deploy guide also sets it on the role.
    onConnect:
      settings.statementTimeoutMs > 0
        ? async (client) => {
            await client.query(`set statement_timeout = ${Math.floor(settings.statementTimeoutMs)}`);
          }
        : undefined,
  });
  // An idle client whose connection dies emits 'error' on the pool; unhandled, it would crash the process.
  pool.on("error", onIdleError);
  const db = drizzlePg({ client: pool, schema });
  // drizzle's own loses a pooled connection when BEGIN fails, and hides errors behind a failed ROLLBACK.
  db.transaction = poolTransaction(pool);
  const where = safeLocation(url);
  return {
    kind: "postgres",
    db,
    pool,
    describe: () => `PostgreSQL at ${where}`,
    close: () => pool.end(),
  };
}

export class EmbeddedDatabaseLockedError extends Error {
  override name = "EmbeddedDatabaseLockedError";
}

/** PGlite is single-process: a second process on the same folder would corrupt it, so we hold a pid lock. */
function lockEmbeddedDirectory(dir: string): () => void {
  const lockFile = `${dir}.lock`;
  mkdirSync(path.dirname(lockFile), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(readFileSync(lockFile, "utf8"));
      if (holder === process.pid) return () => rmSync(lockFile, { force: true });
      if (isAlive(holder)) {
        throw new EmbeddedDatabaseLockedError(
          `The embedded database at ${dir} is in use by another process (pid ${holder}). ` +
            "Stop that process, set PGLITE_DIR to another folder, or set DATABASE_URL to use PostgreSQL.",
        );
      }
      rmSync(lockFile, { force: true }); // left behind by a crashed process
    }
  }
  throw new EmbeddedDatabaseLockedError(`Could not lock the embedded database at ${dir}`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function createEmbeddedStore(dir: string): Promise<Store> {
  const absolute = path.resolve(dir);
  const unlock = lockEmbeddedDirectory(absolute);
  try {
    // Native imports the bundler does not follow: production builds (Vercel's functions above all)
    // then carry no PGlite (20 MB of WASM) in their file traces. Only `next dev` and tests use it.
    const { PGlite } = (await import(
      /* turbopackIgnore: true */ /* webpackIgnore: true */ "@electric-sql/pglite"
    )) as typeof import("@electric-sql/pglite");
    const { drizzle: drizzlePglite } = (await import(
      /* turbopackIgnore: true */ /* webpackIgnore: true */ "drizzle-orm/pglite"
    )) as typeof import("drizzle-orm/pglite");
    if (!existsSync(absolute)) mkdirSync(absolute, { recursive: true });
    const pglite = await PGlite.create(absolute);
    // Both drivers expose the same PgDatabase API; the pg-typed facade keeps one Db type in lib/.
    const db = drizzlePglite({ client: pglite, schema }) as unknown as Db;
    return {
      kind: "pglite",
      db,
      pglite,
      describe: () => `PGlite (embedded, single process, development only) at ${dir}`,
      close: async () => {
        await pglite.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
