// @module-tag own-database
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery, uniqueName, withDatabase } from "@/test/databases";
import { createPostgresStore, type Store } from "./client";

// The chaos run's stuck instance (decision 037): drizzle's transaction lost its pooled connection
// when BEGIN failed, and a failed ROLLBACK hid the error that caused it. One connection in the
// pool, so a single lost one shows as a timeout.
describe.runIf(process.env.KEEPCART_TEST_BASE_URL)("transactions on the pool", () => {
  const base = process.env.KEEPCART_TEST_BASE_URL!;
  const name = uniqueName("pooltx");
  let store: Store & { kind: "postgres" };

  beforeAll(async () => {
    await adminQuery(base, `create database ${name}`);
    store = createPostgresStore(
      withDatabase(base, name),
      { max: 1, connectTimeoutMs: 2000, statementTimeoutMs: 0, idleTimeoutMs: 10_000 },
      () => {},
    ) as Store & { kind: "postgres" };
  });
  afterAll(async () => {
    await store?.close();
    await adminQuery(base, `drop database if exists ${name} with (force)`);
  });

  it("gives the connection back when BEGIN fails", async () => {
    // A BEGIN the server refuses (drizzle sends the isolation level as given).
    const bad = { isolationLevel: "no such level" } as unknown as { isolationLevel: "serializable" };
    for (let i = 0; i < 3; i++) {
      await expect(store.db.transaction(async () => 1, bad)).rejects.toThrow(/syntax error|Failed query/);
    }
    expect(store.pool.totalCount - store.pool.idleCount).toBe(0);
    const answer = await store.db.transaction(async (tx) => tx.execute(sql`select 41 + 1 as n`));
    expect(answer.rows[0]).toEqual({ n: 42 });
  });

  it("throws the error that ended the transaction, not the failed ROLLBACK's, and drops the dead connection", async () => {
    const failure = store.db.transaction(async (tx) => {
      // The connection dies mid-transaction, as when PostgreSQL crashes: the ROLLBACK cannot be sent.
      await tx.execute(sql`select pg_terminate_backend(pg_backend_pid())`);
    });
    const error = await failure.then(
      () => undefined,
      (e: unknown) => e as Error & { cause?: { code?: string } },
    );
    expect(error).toBeDefined();
    expect(String(error?.message)).not.toMatch(/not queryable/);
    expect(error?.cause?.code ?? (error as { code?: string }).code).toBe("57P01");
    const answer = await store.db.transaction(async (tx) => tx.execute(sql`select 1 as n`));
    expect(answer.rows[0]).toEqual({ n: 1 });
  });

  it("keeps a connection whose transaction rolled back cleanly", async () => {
    const before = await store.db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
    await expect(
      store.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        throw new Error("the body's own error");
      }),
    ).rejects.toThrow("the body's own error");
    const after = await store.db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
    expect(after.rows[0]!.pid).toBe(before.rows[0]!.pid);
  });
});
