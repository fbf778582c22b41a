import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { TEST_ADMIN } from "../../e2e/harness/app-server";
import { sql } from "../../e2e/harness/database";
import { checkDatabase, readStock } from "../faults/checks";
import { latencyOverTime } from "../faults/latency";
import { errorCode, HttpSession } from "../lib/http-session";
import { checkHistory } from "./checker";
import {
  FAULT_KINDS,
  type FaultRecord,
  HealthMonitor,
  RECOVERY_BOUND_MS,
  RESTART_BOUND_MS,
  runFaults,
  withinBound,
} from "./faults";
import { readFinalDatabase, readPayments, stockConstraintHolds } from "./final-state";
import { type Entry, outcomeOf, seededRandom } from "./history";
import { checkPayments } from "./payment-check";
import { StripeSender } from "./payments";
import { ChaosShopper, type ShopperContext } from "./shopper";
import { Topology } from "./topology";

/**
 * The chaos run (issue 17, decision 037): shoppers on two `next start` instances behind PgBouncer
 * on a throwaway cluster, while instances are SIGKILLed, PostgreSQL crashes, PgBouncer restarts and
 * connections are cut; then the checker reads the whole history and the database.
 * `npm run bench:chaos` (bench/chaos/cli.ts) runs the full form; e2e/chaos.spec.ts the short one.
 */
export type ChaosOptions = {
  short: boolean;
  seed?: number;
  log: (s: string) => void;
  /** Load phase: the short form runs for `seconds` (12) and until its one round of faults is over;
   * the full one until `checkouts` (10,000)
   * are confirmed and every fault kind has run `perKind` (3) times, or `seconds` (3,600) pass. */
  seconds?: number;
  checkouts?: number;
  shoppers?: number;
  /** Share of confirmed orders whose payment Stripe's side settles by webhook (0.5 short, 0.12 full). */
  paymentShare?: number;
};

/** A 503 is right during a fault and for this long after its heal (pools reconnect, retries land). */
export const GRACE_MS = 10_000;

export async function runChaos(opts: ChaosOptions) {
  const { log } = opts;
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  const random = seededRandom(seed);
  // The short form is sized for the suite, beside the rest of it: its load saturates two cores, so
  // its CPU is its load time. One round of faults with 1-2 s gaps is over at about 13 s (decision 037).
  const loadMs = (opts.seconds ?? (opts.short ? 12 : 3600)) * 1000;
  const targetCheckouts = opts.short ? 0 : (opts.checkouts ?? 10_000);
  const perKind = opts.short ? 1 : 3;
  const shopperCount = opts.shoppers ?? (opts.short ? 6 : 24);
  const topology = new Topology({ instances: 2 });
  try {
    await topology.start(log);
    const direct = topology.directUrl;
    // Plenty of most products; a few scarce ones, so checkouts also race for the last units.
    await sql(direct, "update products set stock = 1000000, active = true");
    await sql(
      direct,
      "update products set stock = 40 where id in (select id from products order by id limit 3)",
    );
    const startStock = await readStock(direct);
    const products = await sql<{ id: number; slug: string }>(direct, "select id, slug from products");

    const started = Date.now();
    const history: Entry[] = [];
    let loading = true;
    let settling = true;
    const ctx: ShopperContext = {
      started,
      target: () => topology.next(),
      record: (e) => history.push(e),
      productIds: products.map((p) => p.id),
      slugs: products.map((p) => p.slug),
      inFlight: { checkouts: 0 },
      confirmed: [],
      running: () => settling,
    };
    // Stripe's side: a share of the confirmed orders get webhooks (paid, expired, both, out of order).
    const stripe = new StripeSender({
      secret: topology.webhookSecret,
      target: () => topology.next(),
      started,
      random: seededRandom(seed + 7919),
      record: (e) => history.push(e),
      share: opts.paymentShare ?? (opts.short ? 0.5 : 0.12),
      lateMs: opts.short ? [1000, 4000] : [5000, 40_000],
    });
    ctx.onConfirmed = (order) => {
      if (loading) stripe.confirmed(order);
    };
    const shoppers = Array.from(
      { length: shopperCount },
      (_, i) => new ChaosShopper(i, seededRandom(seed + 1 + i), ctx, seed),
    );
    log(`chaos: seed ${seed}, ${shopperCount} shoppers on ${topology.instances.length} instances`);
    await Promise.all(shoppers.map((s) => s.register()));

    const monitor = new HealthMonitor(topology, started);
    monitor.start();
    const confirmedSoFar = () => ctx.confirmed.length;
    const deadline = started + loadMs;
    const ranEnough = (done: FaultRecord[]) =>
      FAULT_KINDS.every((k) => done.filter((f) => f.kind === k).length >= perKind);
    // The short form: one round, early enough to leave time for the last recovery. The full one:
    // faults keep coming until the target is met and each kind has run often enough.
    const moreFaults = (done: FaultRecord[]) =>
      opts.short
        ? done.length < FAULT_KINDS.length
        : loading && !(ranEnough(done) && confirmedSoFar() >= targetCheckouts);
    const faultLoop = runFaults({
      topology,
      monitor,
      random,
      gapMs: opts.short ? [1000, 2000] : [8000, 20_000],
      started,
      checkoutsInFlight: () => ctx.inFlight.checkouts,
      more: moreFaults,
      log,
    });
    let faultsDone: FaultRecord[] | undefined;
    void faultLoop.then((d) => (faultsDone = d));
    const staff = staffLoop(topology, ctx, () => loading);
    const progress = setInterval(() => {
      const done = history.filter((e) => e.op.f === "checkout" && e.outcome === "ok").length;
      log(
        `chaos: ${Math.round((Date.now() - started) / 1000)} s, ${history.length} requests, ${done} checkouts`,
      );
    }, 15_000);

    // Short: at least `seconds`, and until the round of faults is over. Full: until the target is
    // met and the faults have run often enough, or the time is up.
    const keepShopping = () =>
      opts.short
        ? Date.now() < deadline || !faultsDone
        : Date.now() < deadline && !(confirmedSoFar() >= targetCheckouts && faultsDone !== undefined);
    await Promise.all(
      shoppers.map(async (s) => {
        while (keepShopping()) await s.visit();
      }),
    );
    loading = false;
    const faults = await faultLoop;
    await staff;
    await stripe.settle(); // the late deliveries still under way
    for (let i = 0; i < topology.instances.length; i++)
      if (!topology.live[i]) await topology.startInstance(i);
    await sleep(2000); // the last heal's recovery is measured too
    // The final look: every shopper reads its cart once more, through the app.
    await Promise.all(shoppers.map((s) => s.finalRead()));
    settling = false;
    clearInterval(progress);
    monitor.stop();
    const elapsedSeconds = Math.round((Date.now() - started) / 1000);

    const staffEntries = history.filter((e) => e.client < 0);
    const finalDb = await readFinalDatabase(direct);
    const verdict = checkHistory(history, finalDb, faults, { graceMs: GRACE_MS });
    const payments = checkPayments(
      history,
      await readPayments(direct),
      topology.stripe.refunds.map((r) => ({ orderId: Number(r.metadata?.orderId) })),
    );
    const confirmed = history.flatMap((e) =>
      e.op.f === "checkout" && e.outcome === "ok" && e.order
        ? [{ orderId: e.order.id, idempotencyKey: e.op.key, email: e.email ?? "" }]
        : [],
    );
    const unique = [...new Map(confirmed.map((c) => [c.orderId, c])).values()];
    const books = await checkDatabase(direct, startStock, unique);
    const recoveredInTime = faults.every(withinBound);
    const checks = {
      ...verdict.checks,
      ...payments.checks,
      everyConfirmedOrderExistsExactlyOnce:
        books.confirmedOrdersFoundOnce === books.confirmedOrders && books.duplicateIdempotencyKeys === 0,
      stockEqualsStartMinusConfirmedPlusCancelled: books.stockMismatches.length === 0,
      stockNeverBelowZero: await stockConstraintHolds(direct),
      noDuplicateCartLinesOrCarts: books.duplicateCartLines === 0 && books.usersWithSeveralCarts === 0,
      everyInstanceAnswersAgainWithinTheBound: recoveredInTime,
      [`everyFaultKindRanAtLeast${perKind}Times`]: ranEnough(faults),
    };
    const ok = Object.values(checks).every(Boolean);
    keepServerLogs(topology.serverLogs());
    const json = {
      short: opts.short,
      seed,
      shoppers: shopperCount,
      instances: topology.instances.length,
      loadSeconds: loadMs / 1000,
      elapsedSeconds,
      requests: history.length,
      requestsPerSecond: Math.round((history.length / elapsedSeconds) * 10) / 10,
      confirmedCheckouts: verdict.counts.confirmedCheckouts,
      counts: verdict.counts,
      payments: { ...payments.counts, stories: tallyStories(stripe.stories) },
      answers: tallyAnswers(history),
      books: { ...books, ordersCancelled: finalDb.orders.filter((o) => o.status === "cancelled").length },
      staffCancels: staffEntries.length,
      faults,
      targetCheckouts,
      bounds: { graceMs: GRACE_MS, recoveryMs: RECOVERY_BOUND_MS, restartMs: RESTART_BOUND_MS },
      latency: latencyOverTime(history, opts.short ? 5000 : 30_000),
      checks,
      ok,
      violations: [...verdict.violations, ...payments.violations].slice(0, 50),
      violationCount: verdict.violations.length + payments.violations.length,
      serverErrorLines: ok ? [] : serverErrors(topology.serverLogs()),
    };
    return { json, ok, history };
  } finally {
    await topology.close();
  }
}

/** Staff cancel a confirmed order now and then (returning its stock), through the admin API. */
async function staffLoop(topology: Topology, ctx: ShopperContext, loading: () => boolean): Promise<void> {
  const http = new HttpSession(() => topology.next(), 15_000);
  const auth = `Basic ${Buffer.from(`${TEST_ADMIN.username}:${TEST_ADMIN.password}`).toString("base64")}`;
  let n = 0;
  while (loading()) {
    await sleep(2000);
    if (ctx.confirmed.length === 0) continue;
    const orderId = ctx.confirmed[(n++ * 7919) % ctx.confirmed.length]!;
    for (let attempt = 0; attempt < 10; attempt++) {
      const a = await http.request(`/api/admin/orders/${orderId}/status`, {
        method: "POST",
        body: { to: "cancelled" },
        headers: { authorization: auth },
      });
      const outcome = outcomeOf(a.status);
      const code = errorCode(a.body);
      ctx.record({
        client: -1,
        email: null,
        op: { f: "cancel", orderId },
        at: a.at - ctx.started,
        ms: a.ms,
        target: a.target,
        status: a.status,
        outcome,
        ...(code ? { code } : {}),
        ...(a.retryAfter ? { retryAfter: a.retryAfter } : {}),
      });
      if (outcome !== "unknown") break;
      await sleep(500);
    }
  }
}

function tallyStories(stories: Map<number, string>): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const story of stories.values()) tally[story] = (tally[story] ?? 0) + 1;
  return tally;
}

function tallyAnswers(history: Entry[]): Record<string, number> {
  const tally = new Map<string, number>();
  for (const e of history) {
    const k = `${e.op.f} ${e.status || "no answer"}${e.code ? ` ${e.code}` : ""}`;
    tally.set(k, (tally.get(k) ?? 0) + 1);
  }
  return Object.fromEntries([...tally.entries()].sort((a, b) => b[1] - a[1]));
}

/** Every instance's whole log, when KEEPCART_CHAOS_LOG_DIR names a folder (to read after a failure). */
function keepServerLogs(logs: string[]): void {
  const dir = process.env.KEEPCART_CHAOS_LOG_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const [i, l] of logs.entries()) writeFileSync(path.join(dir, `instance-${i}.log`), l);
}

/** What the servers said about any 500 (their error lines name the cause). */
function serverErrors(logs: string[]): string[] {
  return logs
    .flatMap((l) => l.split("\n"))
    .filter((l) => l.includes('"level":"error"') && !l.includes("UNAVAILABLE"))
    .slice(0, 20);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
