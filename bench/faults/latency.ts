import { percentile } from "../lib/stats";
import type { Trace } from "./shopper";

/**
 * Throughput and latency (p50 / p95 ms) per request kind in each phase: before the first cut,
 * between the cuts, after the second. A server that serves slower after an outage shows here.
 */
export function latencyByPhase(trace: Trace, started: number, cuts: { downAt: number; upAt: number }[]) {
  const bounds = [started, ...cuts.flatMap((c) => [c.downAt, c.upAt]), Number.POSITIVE_INFINITY];
  const phases: { name: string; from: number; to: number }[] = [
    { name: "before the first cut", from: bounds[0]!, to: bounds[1]! },
    { name: "between the cuts", from: bounds[2]!, to: bounds[3]! },
    { name: "after the second cut", from: bounds[4]!, to: bounds[5]! },
  ];
  const end = Math.max(...trace.map((t) => t.at + t.ms), started);
  return phases
    .filter((p) => Number.isFinite(p.from))
    .map((p) => {
      const inPhase = trace.filter((t) => t.at >= p.from && t.at < p.to);
      const seconds = (Math.min(p.to, end) - p.from) / 1000;
      const kinds = [...new Set(inPhase.map((t) => t.kind))].sort();
      const byKind = Object.fromEntries(
        kinds.map((kind) => {
          const ms = inPhase
            .filter((t) => t.kind === kind)
            .map((t) => t.ms)
            .sort((a, b) => a - b);
          return [
            kind,
            { n: ms.length, p50: ms[Math.floor(ms.length * 0.5)]!, p95: ms[Math.floor(ms.length * 0.95)]! },
          ];
        }),
      );
      return { phase: p.name, requestsPerSecond: Math.round((inPhase.length / seconds) * 10) / 10, byKind };
    });
}

export type LatencyBucket = {
  fromSeconds: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  answers503: number;
  noAnswer: number;
};

/** Throughput and latency in fixed time buckets: what each fault did to the shoppers, over the run. */
export function latencyOverTime(
  requests: { at: number; ms: number; status: number }[],
  bucketMs: number,
): LatencyBucket[] {
  const buckets: LatencyBucket[] = [];
  const end = Math.max(0, ...requests.map((r) => r.at));
  for (let from = 0; from <= end; from += bucketMs) {
    const inBucket = requests.filter((r) => r.at >= from && r.at < from + bucketMs);
    const ms = inBucket.map((r) => r.ms).sort((a, b) => a - b);
    buckets.push({
      fromSeconds: from / 1000,
      requestsPerSecond: Math.round((inBucket.length / (bucketMs / 1000)) * 10) / 10,
      p50: Math.round(percentile(ms, 50)),
      p95: Math.round(percentile(ms, 95)),
      p99: Math.round(percentile(ms, 99)),
      answers503: inBucket.filter((r) => r.status === 503).length,
      noAnswer: inBucket.filter((r) => r.status === 0).length,
    });
  }
  return buckets;
}
