import { runChaos } from "../bench/chaos/run";
import { pgClusterMissing } from "../test/pg-cluster";
import { pgbouncerMissing } from "../test/pgbouncer";
// The suite's own `test` (its fixtures are lazy; none is used here): a test of another type needs a
// worker of its own, which Playwright starts only after the rest, so this 45 s test ran alone at the end.
import { expect, requireComponent, test } from "./fixtures";

// The chaos run's short form (issue 17, decision 037): two instances, PgBouncer, a throwaway
// cluster; each kind of fault once (instance SIGKILL, PostgreSQL crash, PgBouncer restart,
// connections cut) while shoppers shop; then every check of the checker must hold.
// `npm run bench:chaos` is the full run. It makes its own cluster, so once (only the restart scenarios also run on PGlite).
// Stripe's side is in it too: signed webhooks for half the orders, each delivered twice, some late.
test("chaos, short form: every kind of fault once, and the books still balance", async ({
  browserName: _,
}, testInfo) => {
  requireComponent(pgClusterMissing ?? pgbouncerMissing);
  test.setTimeout(180_000);
  const { json, ok, history } = await runChaos({ short: true, log: () => {} });
  await testInfo.attach("chaos.json", {
    body: JSON.stringify(json, null, 2),
    contentType: "application/json",
  });
  if (!ok) {
    // The whole history, to read and check again (bench/chaos/checker.ts is pure).
    const lines = history.map((e) => JSON.stringify(e)).join("\n");
    await testInfo.attach("chaos-history.jsonl", { body: lines, contentType: "application/x-ndjson" });
  }
  const failed = Object.entries(json.checks).filter(([, v]) => !v);
  expect(
    failed,
    JSON.stringify({ violations: json.violations.slice(0, 10), faults: json.faults }, null, 2),
  ).toEqual([]);
  expect(json.faults.map((f) => f.kind).sort()).toEqual([
    "connection-cut",
    "instance-kill",
    "pgbouncer-restart",
    "postgres-crash",
  ]);
  expect(json.confirmedCheckouts).toBeGreaterThan(0);
  expect(json.payments.webhookDeliveriesAcknowledged).toBeGreaterThan(0);
  expect(ok).toBe(true);
});
