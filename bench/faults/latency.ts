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
