import type { runChaos } from "./run";

/** The chaos run's report, as Markdown: counts, each check, the fault timeline, latency over time. */
type Result = Awaited<ReturnType<typeof runChaos>>["json"];

const s = (ms: number | null) => (ms === null ? "never" : `${(ms / 1000).toFixed(1)} s`);

export function renderChaosReport(r: Result, historyFile: string): string {
  const date = new Date().toISOString().slice(0, 10);
  const c = r.counts;
  const lines = [
    `# Keepcart chaos run${r.short ? " (short form)" : ""} — ${date}`,
    "",
    `${r.shoppers} shoppers against ${r.instances} \`next start\` instances of the production build (requests spread round robin over the live ones), PgBouncer 1.18 in transaction mode, and a throwaway PostgreSQL 15 cluster made by the run; ${r.short ? `${r.loadSeconds} s of load` : `load until ${r.targetCheckouts.toLocaleString("en")} checkouts were confirmed and every fault kind had run often enough (cap ${r.loadSeconds} s)`}, ${r.elapsedSeconds} s in all (with set-up of the shoppers and the final look), ${r.faults.length} faults. Seed **${r.seed}** (\`npm run bench:chaos -- --seed ${r.seed}${r.short ? " --short" : ""}\` replays the schedule and the shoppers' choices); the whole history is in \`${historyFile}\`.`,
    "",
    `**${r.confirmedCheckouts.toLocaleString("en")} checkouts confirmed**, ${r.requests.toLocaleString("en")} requests (${r.requestsPerSecond}/s). Result: **${r.ok ? "every check true" : "CHECKS FAILED"}**.`,
    "",
    "| check | result |",
    "| --- | --- |",
    ...Object.entries(r.checks).map(([k, v]) => `| ${k} | ${v ? "true" : "**FALSE**"} |`),
    "",
    "| counts | value |",
    "| --- | --- |",
    `| operations in the history | ${c.operations} |`,
    `| checkouts confirmed (distinct keys) | ${c.confirmedCheckouts} |`,
    `| checkouts retried with the same key / of those confirmed by a retry | ${c.checkoutsRetried} / ${c.checkoutsResolvedByRetry} |`,
    `| checkouts never settled (no answer ever, nothing stored) | ${c.checkoutsNeverSettled} |`,
    `| operations with an unknown outcome (no answer or 5xx) | ${c.unknownOutcomes} |`,
    `| 503 answers (all during a fault or within ${r.bounds.graceMs / 1000} s of its heal) | ${c.answers503} |`,
    `| cart answers checked against the history / not trackable (after an unknown sign-in) | ${c.cartObservationsChecked} / ${c.untrackedCartWindows} |`,
    `| orders in the database / cancelled (by staff, ${c.cancelsAcknowledged} acknowledged, or by a payment that expired) | ${r.books.ordersInDatabase} / ${r.books.ordersCancelled} |`,
    `| units sold (not cancelled) | ${r.books.unitsSold} |`,
    `| products whose stock ≠ start − confirmed + cancelled | ${r.books.stockMismatches.length} |`,
    `| orders given Stripe webhooks (${Object.entries(r.payments.stories)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}) | ${r.payments.ordersWithPaymentEvents} |`,
    `| webhook deliveries (each event twice, some late; retries included) / acknowledged 2xx | ${r.payments.webhookDeliveries} / ${r.payments.webhookDeliveriesAcknowledged} |`,
    `| payments at the end: paid / refunded (paid after expiry) / expired or cancelled | ${r.payments.paid} / ${r.payments.refunded} / ${r.payments.expiredOrCancelled} |`,
    `| refunds made at the Stripe stand-in | ${r.payments.refundsAtStripe} |`,
    "",
    `Bounds stated before the run: a 503 is right during a fault and up to ${r.bounds.graceMs / 1000} s after its heal; every instance answers its health check (a database round trip) again within ${r.bounds.recoveryMs / 1000} s of a database-side fault's heal, and a killed instance within ${r.bounds.restartMs / 1000} s of being started again (the \`next start\` boot included).`,
    "",
    "## Fault timeline",
    "",
    `| at | fault | checkouts in flight | healed after | ${r.faults[0]?.recoveryMs.map((_, i) => `instance ${i} answers again`).join(" | ") ?? ""} |`,
    `| --- | --- | --- | --- | ${r.faults[0]?.recoveryMs.map(() => "---").join(" | ") ?? ""} |`,
    ...r.faults.map(
      (f) =>
        `| ${s(f.at)} | ${f.kind}: ${f.detail} | ${f.checkoutsInFlight} | ${s(f.healedAt - f.at)} | ${f.recoveryMs.map(s).join(" | ")} |`,
    ),
    "",
    "## Latency over time",
    "",
    "All requests, by the moment they were sent; a fault shows as a dip in throughput and a rise in latency.",
    "",
    "| from | requests/s | p50 ms | p95 ms | p99 ms | 503 | no answer | faults starting |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...r.latency.map((b, i) => {
      const width = (r.latency[1]?.fromSeconds ?? b.fromSeconds + 1) - (r.latency[0]?.fromSeconds ?? 0);
      const here = r.faults.filter(
        (f) => f.at / 1000 >= b.fromSeconds && f.at / 1000 < b.fromSeconds + width,
      );
      return `| ${b.fromSeconds} s | ${b.requestsPerSecond} | ${b.p50} | ${b.p95} | ${b.p99} | ${b.answers503} | ${b.noAnswer} | ${here.map((f) => f.kind).join(", ") || (i === 0 ? "" : "")} |`;
    }),
    "",
    r.violationCount
      ? `## Violations (${r.violationCount}; the first 50)\n\n${r.violations.map((v) => `- ${v.check}: ${v.detail}`).join("\n")}\n`
      : "No violation: the checker found nothing to report.",
    "",
    "<details><summary>Answers by operation</summary>",
    "",
    "| operation and answer | count |",
    "| --- | --- |",
    ...Object.entries(r.answers).map(([k, v]) => `| ${k} | ${v} |`),
    "",
    "</details>",
    "",
  ];
  if (r.serverErrorLines.length)
    lines.push("Server error lines:", "", "```", ...r.serverErrorLines, "```", "");
  return lines.join("\n");
}
