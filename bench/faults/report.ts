/** The load-with-faults section of the bench report, as Markdown. */
type Report = {
  quick: boolean;
  clients: number;
  durationSeconds: number;
  cuts: { atSeconds: number; seconds: number }[];
  requests: number;
  requestsPerSecond: number;
  answersByKind: Record<string, number>;
  errors: Record<string, number>;
  database: {
    confirmedOrders: number;
    confirmedOrdersFoundOnce: number;
    ordersInDatabase: number;
    ordersNotConfirmedToAClient: number;
    duplicateIdempotencyKeys: number;
    stockMismatches: unknown[];
    unitsSold: number;
    duplicateCartLines: number;
    usersWithSeveralCarts: number;
  };
  memory: {
    samples: number;
    minMb: number;
    maxMb: number;
    firstThirdMedianMb: number;
    lastThirdMedianMb: number;
    growthPercent: number;
  };
  checks: Record<string, boolean>;
  ok: boolean;
  unexpected: { at: number; kind: string; status: number; ms: number; path: string }[];
  latency: {
    phase: string;
    requestsPerSecond: number;
    byKind: Record<string, { n: number; p50: number; p95: number }>;
  }[];
};

const KINDS = ["browse", "add", "cart", "checkout", "login"];

export function renderMarkdown(r: Report): string {
  const cuts = r.cuts.map((c) => `${c.seconds} s at ${c.atSeconds} s`).join(", ");
  const lines = [
    `## Load with faults${r.quick ? " (quick)" : ""}`,
    "",
    `${r.clients} concurrent shoppers (browse, add to cart, sign out and in, checkout) against \`next start\` on PostgreSQL for ${r.durationSeconds} s; the database connection was cut ${r.cuts.length} times (${cuts}) by a TCP proxy between the app and PostgreSQL. Checkouts that meet an outage are retried with the same idempotency key.`,
    "",
    `**${r.requests} requests served** (${r.requestsPerSecond}/s). Result: **${r.ok ? "all checks true" : "CHECKS FAILED"}**.`,
    "",
    "| check | value |",
    "| --- | --- |",
    ...Object.entries(r.checks).map(([k, v]) => `| ${k} | ${v} |`),
    "",
    "| errors by kind | count |",
    "| --- | --- |",
    ...Object.entries(r.errors).map(([k, v]) => `| ${k} | ${v} |`),
    "",
    "| books | value |",
    "| --- | --- |",
    `| orders confirmed to a client | ${r.database.confirmedOrders} |`,
    `| of those found exactly once in the database | ${r.database.confirmedOrdersFoundOnce} |`,
    `| orders in the database | ${r.database.ordersInDatabase} |`,
    `| orders in the database never confirmed to a client | ${r.database.ordersNotConfirmedToAClient} |`,
    `| duplicate idempotency keys | ${r.database.duplicateIdempotencyKeys} |`,
    `| units sold | ${r.database.unitsSold} |`,
    `| products whose stock ≠ start − sold | ${r.database.stockMismatches.length} |`,
    `| duplicated cart lines / users with several carts | ${r.database.duplicateCartLines} / ${r.database.usersWithSeveralCarts} |`,
    "",
    `Memory (RSS of the server's process group, ${r.memory.samples} samples every 2 s): min ${r.memory.minMb} MB, max ${r.memory.maxMb} MB; after the first quarter (warm-up), median of the first third ${r.memory.firstThirdMedianMb} MB, of the last third ${r.memory.lastThirdMedianMb} MB (${r.memory.growthPercent}%; flat means at most +15%).`,
    "",
    "| phase | requests/s | " + KINDS.map((k) => `${k} p50 / p95 ms`).join(" | ") + " |",
    "| --- | --- | " + KINDS.map(() => "---").join(" | ") + " |",
    ...r.latency.map(
      (p) =>
        `| ${p.phase} | ${p.requestsPerSecond} | ` +
        KINDS.map((k) => (p.byKind[k] ? `${p.byKind[k].p50} / ${p.byKind[k].p95}` : "–")).join(" | ") +
        " |",
    ),
    "",
    r.unexpected.length
      ? `Unexpected answers (seconds after the start): ${r.unexpected.map((u) => `${u.kind} ${u.path} ${u.status || "no answer"} at ${u.at} s after ${u.ms} ms`).join("; ")}.`
      : "No unexpected answer: every 503 fell within a cut or the 10 s after it.",
    "",
    "<details><summary>Answers by kind</summary>",
    "",
    "| request and answer | count |",
    "| --- | --- |",
    ...Object.entries(r.answersByKind).map(([k, v]) => `| ${k} | ${v} |`),
    "",
    "</details>",
    "",
  ];
  return lines.join("\n");
}
