import { readFileSync } from "node:fs";
import { groupProcesses } from "../lib/proc";

/**
 * Resident memory of the app server: the sum over its process group (next start and any worker),
 * read from /proc. "Flat" here: after a warm-up (the first quarter of the run: Next loads routes
 * lazily), the median of the last third of the samples is within 15% of the first third's.
 */
export type MemorySample = { atSeconds: number; rssMb: number };

export function groupRssMb(pgid: number): number {
  let kb = 0;
  for (const { pid } of groupProcesses(pgid)) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      kb += Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);
    } catch {
      // the process ended while we looked
    }
  }
  return Math.round(kb / 102.4) / 10;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

export function memoryVerdict(samples: MemorySample[], durationSeconds: number) {
  const settled = samples.filter((s) => s.atSeconds >= durationSeconds * 0.25).map((s) => s.rssMb);
  const third = Math.max(1, Math.floor(settled.length / 3));
  const firstThirdMedianMb = median(settled.slice(0, third));
  const lastThirdMedianMb = median(settled.slice(-third));
  const growth = firstThirdMedianMb ? lastThirdMedianMb / firstThirdMedianMb - 1 : 0;
  return {
    samples: samples.length,
    minMb: Math.min(...samples.map((s) => s.rssMb)),
    maxMb: Math.max(...samples.map((s) => s.rssMb)),
    firstThirdMedianMb,
    lastThirdMedianMb,
    growthPercent: Math.round(growth * 1000) / 10,
    flat: settled.length >= 3 && growth <= 0.15,
  };
}
