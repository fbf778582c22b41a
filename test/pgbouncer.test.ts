import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PgBouncer, pgbouncerMissing } from "./pgbouncer";

// The harness piece the pooled-path tests and the chaos run stand on: a real PgBouncer in
// transaction mode that can be restarted under its clients. PostgreSQL only.
describe.runIf(process.env.KEEPCART_TEST_BASE_URL && !pgbouncerMissing)("PgBouncer harness", () => {
  const bouncer = new PgBouncer({ upstreamUrl: process.env.DATABASE_URL!, defaultPoolSize: 2 });
  const database = new URL(process.env.DATABASE_URL!).pathname.slice(1);
  beforeAll(() => bouncer.start());
  afterAll(() => bouncer.close());

  async function query<T extends pg.QueryResultRow>(db: string, text: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: bouncer.url(db) });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  }

  it("serves this test's database through a transaction-mode pool", async () => {
    const [row] = await query<{ n: number }>(database, "select count(*)::int as n from products");
    expect(row?.n).toBeGreaterThan(0);
    const pools = await query<{ database: string; pool_mode: string }>("pgbouncer", "show pools");
    expect(pools.find((p) => p.database === database)?.pool_mode).toBe("transaction");
  });

  it("drops its clients when killed and serves again after a restart on the same port", async () => {
    const client = new pg.Client({ connectionString: bouncer.url(database) });
    client.on("error", () => {}); // the kill below ends this connection
    await client.connect();
    const port = bouncer.port;
    await bouncer.kill();
    await expect(client.query("select 1")).rejects.toThrow();
    await bouncer.start();
    expect(bouncer.port).toBe(port);
    const [row] = await query<{ one: number }>(database, "select 1 as one");
    expect(row?.one).toBe(1);
  });
});
