import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PgCluster, pgClusterMissing } from "./pg-cluster";

// The throwaway cluster the chaos run crashes: a committed row survives `pg_ctl stop -m immediate`
// (WAL replay on start), an open transaction does not. PostgreSQL runs only (it needs the binaries).
describe.runIf(process.env.KEEPCART_TEST_BASE_URL && !pgClusterMissing)("PgCluster harness", () => {
  const cluster = new PgCluster();
  beforeAll(() => cluster.init(), 60_000);
  afterAll(() => cluster.close());

  it("keeps committed rows through a crash and loses the uncommitted ones", async () => {
    const client = new pg.Client({ connectionString: cluster.url() });
    client.on("error", () => {}); // the crash below ends this connection
    await client.connect();
    await client.query("create table kept (n int)");
    await client.query("insert into kept values (1)");
    await client.query("begin");
    await client.query("insert into kept values (2)");
    await cluster.crash();
    await expect(client.query("commit")).rejects.toThrow();
    await cluster.start();
    const after = new pg.Client({ connectionString: cluster.url() });
    await after.connect();
    const { rows } = await after.query<{ n: number }>("select n from kept order by n");
    await after.end();
    expect(rows.map((r) => r.n)).toEqual([1]);
  }, 60_000);
});
