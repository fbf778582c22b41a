import type { ServerReadCost } from "../cases/http";
import type { CaseSummary } from "../lib/load";
import { ratio } from "../lib/stats";
import { pairedRatios, targets } from "./targets";
import type { BenchResults } from "./types";

const n = (v: number | undefined, d = 0) =>
  v === undefined || !Number.isFinite(v)
    ? "n/a"
    : v.toLocaleString("en", { maximumFractionDigits: d, minimumFractionDigits: d });
const ms = (v: number | undefined) => n(v, v !== undefined && v < 1 ? 3 : 2);
const x = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : "n/a");

function storeTable(r: BenchResults): string[] {
  if (!r.store) return ["_Did not run._"];
  const lines: string[] = [];
  for (const [concurrency, cases] of Object.entries(r.store)) {
    const floor = cases["floor: bare prepared SELECT"]?.opsPerSec;
    const peer = cases["peer: get + touch"]?.opsPerSec;
    lines.push(`**Concurrency ${concurrency}**`, "");
    lines.push(
      "| case | ops/s | p50 ms | p99 ms | × floor | × peer get+touch | errors |",
      "|---|--:|--:|--:|--:|--:|--:|",
    );
    for (const [name, c] of Object.entries(cases) as [string, CaseSummary][]) {
      lines.push(
        `| ${name} | ${n(c.opsPerSec)} | ${ms(c.p50Ms)} | ${ms(c.p99Ms)} | ${x(ratio(c.opsPerSec, floor))} | ${x(ratio(c.opsPerSec, peer))} | ${c.errors} |`,
      );
    }
    lines.push("");
  }
  return lines;
}

export function renderMarkdown(r: BenchResults, svgName: string): string {
  const m = r.machine;
  const c = r.config;
  const out: string[] = [
    `# Keepcart bench — ${r.startedAt.slice(0, 10)} (${c.mode} mode)`,
    "",
    `Written by \`npm run bench${c.mode === "quick" ? " -- --quick" : ""}\` in ${n(r.durationSeconds)} s. Every figure below was measured in this one run, on this machine, against one PostgreSQL; comparisons are side by side (interleaved rounds, order rotated each round) and each figure is the median over ${c.rounds} round(s). How each one is measured: [bench/README.md](../README.md).`,
    "",
    "## Machine",
    "",
    `- ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB memory, ${m.os}; load average at start ${m.loadAverageAtStart.join(" / ")} (the machine is shared: figures are noisy, ratios within one run are what to compare)`,
    ...(r.loadAverages?.length
      ? [
          `- Load average (1 / 5 / 15 min) as each section started: ${r.loadAverages.map((l) => `${l.section} ${l.load.join(" / ")}`).join("; ")}`,
        ]
      : []),
    `- ${m.postgres}; ${Object.entries(m.postgresSettings)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
    `- Node ${m.node}; commit ${m.gitCommit}; Next.js build ${r.buildId}`,
    `- Rows: ours ${r.rowBytes.ours} bytes on average, the peer's ${r.rowBytes.peer} bytes (pg_column_size of the whole row)`,
    "",
    "## Targets",
    "",
    "| target | goal | measured | met |",
    "|---|---|---|---|",
  ];
  const ts = targets(r);
  for (const t of ts)
    out.push(
      `| ${t.name} | ${t.goal} | ${t.measured} | ${t.met === undefined ? "did not run" : t.met ? "yes" : t.unsettled ? "**not settled**" : "**no**"} |`,
    );
  const missed = ts.filter((t) => t.met === false);
  if (missed.length) {
    out.push("", "Where a target is missed, why, and what would reach it:", "");
    for (const t of missed) out.push(`- **${t.name}**: ${t.ifMissed}`);
  }
  out.push("", `![Throughput by case](${svgName})`, "");
  out.push(
    `## Store level (${n(c.sizes[1])} sessions in each table, ${c.storeDurationMs} ms per case per round)`,
    "",
  );
  out.push(...storeTable(r));
  if (r.storeWarmCheck) {
    out.push(
      `Statements sent on the app's pool during the warm-cache case (counted by a wrapper around \`pool.query\`): ${Object.entries(
        r.storeWarmCheck,
      )
        .map(
          ([c, w]) =>
            `concurrency ${c}: ${n(w.statements)} in ${n(w.calls)} calls (${n(w.callsWithStatements)} calls overlapped one)`,
        )
        .join("; ")}.`,
      "",
    );
  }
  out.push(
    "Ours is `resolveSessionCookie`. “Warm cache” is a returning visitor on a warm instance: the seal cache (decision 003) and the session cache (decision 035) answer, no query. “Session cache bypassed” is the same call forced to the database (the one SELECT with user, cart count and unread count), as while the listener is down; “seal uncached, no session cache” also pays iron-session's unseal, as the first request of a cookie to a fresh instance does. The peer is connect-pg-simple's store API (`get`, `touch`, and both in sequence: what express-session does for one read-only request). The floor is a named prepared `SELECT … WHERE id = $1` on our own pool. The stateless bound is iron-session alone (no database).",
    "",
  );
  out.push("## Database cost of one read-only request", "");
  if (r.dbCost) {
    const { ours, peer, server } = r.dbCost;
    out.push(
      "| | requests | round trips / request (client count) | transactions / request (pg_stat_database) | rows written / request (pg_stat_user_tables) |",
      "|---|--:|--:|--:|--:|",
    );
    out.push(
      `| ours (resolve) | ${ours.requests} | ${n(ours.roundTripsPerRequest, 2)} | ${n(ours.transactionsPerRequest, 2)} | ${n(ours.rowsWrittenPerRequest, 2)} |`,
    );
    out.push(
      `| peer (GET through express-session) | ${peer.requests} | ${n(peer.roundTripsPerRequest, 2)} | ${n(peer.transactionsPerRequest, 2)} | ${n(peer.rowsWrittenPerRequest, 2)} |`,
    );
    const serverRows = (label: string, rows: Record<string, ServerReadCost>) => {
      for (const [name, s] of Object.entries(rows)) {
        out.push(
          `| ours, production server${label}: ${name} | ${s.requests} | ${s.cacheHitsPerRequest === undefined ? "–" : `0 DB reads: ${n(s.cacheHitsPerRequest, 2)} cache hits / request`} | ${n(s.transactionsPerRequest, 3)}${s.idleTransactionsPerSecond === undefined ? "" : ` (net of ${n(s.idleTransactionsPerSecond, 1)}/s idle)`} | ${n(s.rowsWrittenPerRequest, 3)} |`,
        );
      }
    };
    serverRows(r.dbCost.serverSeparateRun ? " (separate run)" : "", server);
    if (r.dbCost.serverInRun) serverRows(" (main run, before the idle baseline)", r.dbCost.serverInRun);
    out.push(
      "",
      "Ours is measured warm: a first pass fills the session cache, the second is counted. The listener's own statements (a heartbeat every quarter second) are counted by it and subtracted, like the store's start-up queries. `GET /cart` reads the session and the cart's lines, both from the cache when warm. Ours writes only when the idle expiry is due to slide, at most once an hour per session; every row here was seen within the hour.",
      "",
    );
    if (r.dbCost.serverSeparateRun || server["GET /cart"]?.idleTransactionsPerSecond !== undefined)
      out.push(
        "For the production server the client-side count is the server's own cache counters: a warm `/api/auth/me` reads one entry (the session) and `/cart` two (the session and the cart's lines), so a hit per read means no read went to the database. PostgreSQL's counters also see the server's background work (its timers, connections closing, statistics reported late), which runs whether requests come or not: an idle window as long as the counted pass is measured after it and subtracted at its rate; what is left is per request.",
        "",
      );
    if (r.dbCost.serverSeparateRun)
      out.push(
        `_The production server's rows were measured in a run of their own (\`npm run bench -- --only=extras\`), started ${r.dbCost.serverSeparateRun.startedAt.slice(0, 16).replace("T", " ")} UTC at a load average of ${r.dbCost.serverSeparateRun.loadAverage.join(" / ")}, on the same build: the main run's figures (below them) did not subtract the server's background work._`,
        "",
      );
  } else out.push("_Did not run._", "");
  out.push(
    `## HTTP (production build, autocannon, ${c.httpConnections} connections, ${c.httpDurationMs / 1000} s per case per round)`,
    "",
  );
  if (r.http) {
    out.push("| case | req/s | p50 ms | p99 ms | errors |", "|---|--:|--:|--:|--:|");
    for (const [name, h] of Object.entries(r.http))
      out.push(`| ${name} | ${n(h.requestsPerSec)} | ${n(h.p50Ms)} | ${n(h.p99Ms)} | ${h.errors} |`);
    out.push(
      "",
      `The session cases rotate over ${n(c.shoppers)} shoppers with a two-line cart; add-to-cart rotates shoppers and products so no line reaches its limit. ${n(c.sizes[1])} other sessions are in the table.`,
      "",
    );
  } else out.push("_Did not run._", "");
  if (r.httpSeparate) {
    const sep = r.httpSeparate;
    out.push(
      "### The same cases in a separate run, with the server's CPU time per request",
      "",
      "| case | req/s | p50 ms | p99 ms | server CPU ms / request | errors |",
      "|---|--:|--:|--:|--:|--:|",
    );
    for (const [name, h] of Object.entries(sep.cases))
      out.push(
        `| ${name} | ${n(h.requestsPerSec)} | ${n(h.p50Ms)} | ${n(h.p99Ms)} | ${n(h.cpuMsPerRequest, 2)} | ${h.errors} |`,
      );
    out.push(
      "",
      `_Measured in a run of its own (\`npm run bench -- --only=extras --http\`), started ${sep.run.startedAt.slice(0, 16).replace("T", " ")} UTC at a load average of ${sep.run.loadAverage.join(" / ")}, on the same build. The CPU time is the server's whole process group (user + system, from /proc), per answered request, median over the rounds: what a page costs the server, whatever else the machine runs._`,
      "",
    );
  }
  out.push("## Revocation between two server processes", "");
  if (r.revocation) {
    const v = r.revocation;
    out.push(
      `${n(v.logouts)} sessions, each with a two-line cart: B answers \`GET /api/auth/me\` twice (from its cache: ${n(v.cachedBeforeLogout)} of ${n(v.logouts)}), A answers \`POST /api/auth/logout\`, then B is asked again, back to back, until it refuses the cookie. Delay from A's answer to B's answer refusing the cookie (an upper bound: it includes B's own round trip): p50 ${ms(v.p50Ms)} ms, p99 ${ms(v.p99Ms)} ms, max ${ms(v.maxMs)} ms.${v.refusedAtFirstAsk !== undefined ? ` B's first request after the logout was already refused for ${n(v.refusedAtFirstAsk)} of ${n(v.logouts)}; to the send time of the first refusal, p99 ${ms(v.sentP99Ms)} ms.` : ""} Requests B accepted that were sent later than ${v.boundMs} ms after the logout: ${v.acceptedAfterBound}.`,
      "",
    );
  } else out.push("_Did not run._", "");
  out.push("## The database 1 ms away", "");
  if (r.remote) {
    out.push(
      `A TCP proxy delays everything sent to PostgreSQL by 1 ms (\`select 1\` through it: ${ms(r.remote.roundTripMs)} ms), as for an app on Vercel with a managed PostgreSQL. Two production servers on it, with and without the session cache; the cart page with a two-line cart, interleaved per round.`,
      "",
      "| case | req/s | p50 ms | p99 ms | server CPU ms / request | errors |",
      "|---|--:|--:|--:|--:|--:|",
    );
    for (const [name, h] of Object.entries(r.remote.cases))
      out.push(
        `| ${name} | ${n(h.requestsPerSec)} | ${n(h.p50Ms)} | ${n(h.p99Ms)} | ${n(h.cpuMsPerRequest, 2)} | ${h.errors} |`,
      );
    out.push("");
    const [onCase, offCase] = Object.values(r.remote.cases);
    const perRound = pairedRatios(onCase, offCase);
    if (onCase && offCase)
      out.push(
        `With the cache against without, round by round: ${perRound.perRound.map((v) => x(v)).join(", ")} (median ${x(perRound.median)}). Each side completed ${n(onCase.requests)} and ${n(offCase.requests)} requests over the rounds, so a round's p99 is close to its slowest request.${r.http?.["cart page, with a session"] ? ` The same page on a direct connection ran at ${n(r.http["cart page, with a session"].requestsPerSec)} req/s in the HTTP section above, at the load average given for each section under Machine: at a p50 page time of ${n(onCase.p50Ms)} and ${n(offCase.p50Ms)} ms on this machine, the 1 ms saved per query (two per page) is far below the noise.${perRound.perRound.every((v) => v < 1) ? " Yet the side with the cache was the slower one in every round while it sent no query at all (below): this run does not say why. The server's CPU time per request of each side, on a quiet machine, is the measurement that would." : ""}` : ""}`,
        "",
      );
    if (r.remote.cacheHitsPerRequest !== undefined)
      out.push(
        `Session-cache hits per request on the server with the cache: ${n(r.remote.cacheHitsPerRequest, 2)} (a warm cart page reads its session and its cart from the cache: 2; above 2 because autocannon does not count the requests still in flight when a round ends, whose reads the server did count): no read went to the database on that side.`,
        "",
      );
    if (r.remoteInRun)
      out.push(
        `The main run measured this case too, with the proxy inside the bench process: ${Object.entries(
          r.remoteInRun.cases,
        )
          .map(
            ([name, h]) =>
              `${name.replace("cart page, database 1 ms away, ", "")} ${n(h.requestsPerSec)} req/s, p99 ${n(h.p99Ms)} ms`,
          )
          .join(
            "; ",
          )}. Those servers had been warmed for 2.5 s only (the case now warms each server by count, every shopper's page, and runs the proxy in a process of its own).`,
        "",
      );
    for (const e of r.remoteEarlier ?? []) {
      const [on, off] = Object.values(e.cases);
      out.push(
        `An earlier separate run (started ${e.separateRun?.startedAt.slice(0, 16).replace("T", " ")} UTC, load average ${e.separateRun?.loadAverage.join(" / ")}, no CPU measure yet): with the cache ${n(on?.requestsPerSec)} req/s, p99 ${n(on?.p99Ms)} ms; without ${n(off?.requestsPerSec)} req/s, p99 ${n(off?.p99Ms)} ms; round by round ${pairedRatios(
          on,
          off,
        )
          .perRound.map((v) => x(v))
          .join(", ")}; ${n(e.cacheHitsPerRequest, 2)} cache hits per request.`,
        "",
      );
    }
    if (r.remote.separateRun)
      out.push(
        `_This case was measured in a run of its own (\`npm run bench -- --only=extras\`), started ${r.remote.separateRun.startedAt.slice(0, 16).replace("T", " ")} UTC at a load average of ${r.remote.separateRun.loadAverage.join(" / ")}; its two sides are still side by side, interleaved per round. The proxy runs in a process of its own._`,
        "",
      );
  } else out.push("_Did not run._", "");
  out.push("## Lost updates (100 concurrent “add one”, one session)", "");
  if (r.lostUpdates) {
    out.push(
      `- ours (production server, JSON API, cart rows): ${r.lostUpdates.ours.join(", ")}`,
      `- peer (express-session + connect-pg-simple, cart in the session blob): ${r.lostUpdates.peer.join(", ")}`,
      "",
      "A cart line holds at most 99, so the 100 adds go to 4 products, 25 each; the figure is what the cart gained.",
      "",
    );
  } else out.push("_Did not run._", "");
  out.push("## Pruning", "");
  if (r.prune) {
    const p = r.prune;
    out.push(
      `${n(p.rowsBefore)} sessions, ${n(p.expiredBefore)} expired: pruned ${n(p.deleted)} in ${n(p.pruneMs / 1000, 1)} s (${p.batches} batches of ${n(p.batchSize)}), while 32 concurrent resolves ran on the same pool.`,
      "",
      "| resolve at concurrency 32 | ops/s | p50 ms | p99 ms |",
      "|---|--:|--:|--:|",
      `| without pruning (just before) | ${n(p.without.opsPerSec)} | ${ms(p.without.p50Ms)} | ${ms(p.without.p99Ms)} |`,
      `| while pruning | ${n(p.during.opsPerSec)} | ${ms(p.during.p50Ms)} | ${ms(p.during.p99Ms)} |`,
      `| afterwards | ${n(p.afterwards.opsPerSec)} | ${ms(p.afterwards.p50Ms)} | ${ms(p.afterwards.p99Ms)} |`,
      "",
    );
  } else out.push("_Did not run._", "");
  out.push(
    "## Scale (resolve at concurrency 1)",
    "",
    "| sessions in the table | p50 ms | p99 ms | ops/s |",
    "|--:|--:|--:|--:|",
  );
  for (const [rows, s] of Object.entries(r.scale ?? {}))
    out.push(`| ${n(Number(rows))} | ${ms(s.p50Ms)} | ${ms(s.p99Ms)} | ${n(s.opsPerSec)} |`);
  out.push(
    "",
    "Half of each table is expired rows (still in the table and its indexes, as before a prune).",
    "",
  );
  out.push("## Memory (production server)", "");
  if (r.memory) {
    const mem = r.memory;
    out.push(
      `RSS after warm-up (${n(mem.warmupRequests)} requests): ${n(mem.rssAfterWarmupMiB, 1)} MiB; after ${n(mem.requests)} of ${n(mem.requestsPlanned)} planned requests (half create a session and a cart, half are cart pages of returning shoppers over more sessions than the session cache holds, so it stays full and keeps turning over): ${n(mem.rssAfterMiB, 1)} MiB (${n(mem.growth * 100, 1)}%). Load: ${n(mem.load.requestsPerSec)} req/s, ${mem.load.errors} errors.`,
      "",
      `Samples (requests → RSS MiB${mem.heapUsedAfterWarmupMiB === undefined ? "" : ", and V8's heap in use from a Node report: live objects and garbage not yet collected"}): ${mem.samples.map((s) => `${n(s.requestsDone)} → ${n(s.rssMiB, 1)}${s.heapUsedMiB === undefined ? "" : ` (heap ${n(s.heapUsedMiB)})`}`).join(", ")}${mem.heapUsedAfterWarmupMiB === undefined ? "" : `; heap in use after the warm-up ${n(mem.heapUsedAfterWarmupMiB)} MiB`}`,
      "",
      `Processes: ${mem.processes.map((p) => `${p.pid} \`${p.command}\` ${n(p.rssMiB, 1)} MiB`).join("; ")}`,
      "",
    );
    if (mem.separateRun)
      out.push(
        `_Measured in a run of its own (\`npm run bench -- --only=memory\`), started ${mem.separateRun.startedAt.slice(0, 16).replace("T", " ")} UTC at a load average of ${mem.separateRun.loadAverage.join(" / ")}, on a fresh server and database filled as in this run._`,
        "",
      );
    if (r.memoryInRun) {
      const main = r.memoryInRun;
      out.push(
        `The main run measured this case too: ${n(main.rssAfterWarmupMiB, 1)} → ${n(main.rssAfterMiB, 1)} MiB (${n(main.growth * 100, 1)}%) after ${n(main.requests)} of ${n(main.requestsPlanned)} planned requests${main.requests < main.requestsPlanned ? " (stopped by its time cap)" : ""} at ${n(main.load.requestsPerSec)} req/s; samples ${main.samples.map((s) => `${n(s.requestsDone)} → ${n(s.rssMiB, 1)}`).join(", ")}.`,
        "",
      );
    }
  } else out.push("_Did not run._", "");
  // The faults section brings its own heading (it is also a report of its own: npm run bench:faults).
  if (r.faults && !("skipped" in r.faults)) out.push(r.faults.markdown);
  else out.push("## Load with faults", "", r.faults ? `_Skipped: ${r.faults.skipped}._` : "_Did not run._");
  if (r.failures.length) {
    out.push("", "## Failures", "");
    for (const f of r.failures) out.push(`- ${f.section}: ${f.error}`);
  }
  return `${out.join("\n")}\n`;
}
