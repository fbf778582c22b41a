import { median, percentile, Samples } from "./stats";

export type LoadResult = { opsPerSec: number; p50Ms: number; p99Ms: number; ops: number; errors: number };
const YIELD_EVERY = 16;

export type LoadCase = { name: string; run: (i: number) => Promise<unknown> };

/**
 * Closed loop: `concurrency` workers each call `run` back to back for `durationMs`; every call's
 * latency is recorded. Errors are counted, not timed (a failing case shows as errors, not speed).
 */
export async function runLoad(
  run: (i: number) => Promise<unknown>,
  opts: { concurrency: number; durationMs: number; until?: Promise<unknown> },
): Promise<LoadResult> {
  const samples = new Samples();
  let errors = 0;
  let counter = 0;
  let stop = false;
  const timer = setTimeout(() => {
    stop = true;
  }, opts.durationMs);
  // A case may also run "until" something else ends (resolve load while a prune runs).
  opts.until?.finally(() => {
    stop = true;
  });
  const started = performance.now();
  const deadline = started + opts.durationMs;
  const worker = async () => {
    let calls = 0;
    while (!stop) {
      const t0 = performance.now();
      try {
        await run(counter++);
        samples.push(performance.now() - t0);
      } catch (error) {
        if (errors++ === 0) console.warn(`    first error: ${(error as Error).message}`);
      }
      // A call that never waits on I/O (a warm cache hit) resolves in microtasks only: without a
      // yield the loop would starve the timers (the stop timer, the cache listener's heartbeats,
      // whose lapse turns the cache off) and every socket. A server yields between requests; so
      // does this loop, every YIELD_EVERY calls per worker, and it checks the clock itself.
      if (++calls % YIELD_EVERY === 0) {
        if (!opts.until && performance.now() >= deadline) stop = true;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  clearTimeout(timer);
  const elapsed = (performance.now() - started) / 1000;
  const sorted = samples.sorted();
  return {
    opsPerSec: sorted.length / elapsed,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    ops: sorted.length,
    errors,
  };
}

export type CaseSummary = LoadResult & { rounds: LoadResult[] };

/** Median of each figure over rounds (each figure on its own: the report says so). */
export function summarize(rounds: LoadResult[]): CaseSummary {
  return {
    opsPerSec: median(rounds.map((r) => r.opsPerSec)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    ops: rounds.reduce((n, r) => n + r.ops, 0),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    rounds,
  };
}

/**
 * Side by side: every round runs every case once, in an order rotated each round, so drift in the
 * machine's load (2 shared cores) falls on all cases alike. Returns medians over rounds.
 */
export async function interleaved(
  cases: LoadCase[],
  opts: { rounds: number; concurrency: number; durationMs: number; log: (s: string) => void },
): Promise<Record<string, CaseSummary>> {
  const byCase: Record<string, LoadResult[]> = Object.fromEntries(cases.map((c) => [c.name, []]));
  for (let round = 0; round < opts.rounds; round++) {
    for (let k = 0; k < cases.length; k++) {
      const c = cases[(k + round) % cases.length]!;
      const result = await runLoad(c.run, opts);
      byCase[c.name]!.push(result);
      opts.log(
        `    r${round + 1} c${opts.concurrency} ${c.name}: ${Math.round(result.opsPerSec)}/s p50 ${result.p50Ms.toFixed(2)} ms p99 ${result.p99Ms.toFixed(2)} ms${result.errors ? ` errors ${result.errors}` : ""}`,
      );
    }
  }
  return Object.fromEntries(Object.entries(byCase).map(([name, rounds]) => [name, summarize(rounds)]));
}
