import { drizzle } from "drizzle-orm/node-postgres";
import type { Pool, PoolClient } from "pg";
import type { Db } from "./client";
import * as schema from "./schema";

/**
 * `db.transaction` for a pool, in place of drizzle's (0.45), which has two faults that the chaos
 * run found (decision 037):
 * - it sends BEGIN before its try/finally, so a BEGIN that fails (PgBouncer refusing with
 *   `server login has been failing` just after PostgreSQL restarts, a connection cut) never gives
 *   its connection back: with every slot of the pool lost that way, the instance answered 503 for
 *   good, its health check included;
 * - a ROLLBACK that fails (the connection died mid-transaction) is thrown instead of the error that
 *   caused it: "Client was closed and is not queryable" where the cause was an outage.
 * Here the connection always goes back, and is destroyed rather than reused when BEGIN, COMMIT or
 * ROLLBACK failed (its state is unknown); the error thrown is the transaction's own. While lent,
 * a connection that dies between two statements emits 'error' on the client, which pg-pool only
 * listens for on idle ones: unheard, it would be an uncaught exception. It is heard here.
 */
export function poolTransaction(pool: Pool): Db["transaction"] {
  const onClient = new WeakMap<PoolClient, Db>();
  const transaction = async (
    fn: Parameters<Db["transaction"]>[0],
    config?: Parameters<Db["transaction"]>[1],
  ) => {
    const client = await pool.connect();
    let db = onClient.get(client);
    if (!db) {
      db = drizzle({ client, schema }) as unknown as Db;
      onClient.set(client, db);
    }
    let thrown: { error: unknown } | undefined;
    let broken = false;
    const died = () => {
      broken = true;
    };
    client.on("error", died);
    try {
      return await db.transaction(async (tx) => {
        try {
          return await fn(tx);
        } catch (error) {
          thrown = { error };
          throw error;
        }
      }, config);
    } catch (error) {
      // Anything but the body's own error, rethrown after a clean ROLLBACK, came from BEGIN, COMMIT
      // or ROLLBACK: the connection may be dead or inside a transaction.
      broken = thrown === undefined || thrown.error !== error;
      throw thrown ? thrown.error : error;
    } finally {
      client.off("error", died);
      client.release(broken ? new Error("transaction control statement failed") : undefined);
    }
  };
  return transaction as Db["transaction"];
}
