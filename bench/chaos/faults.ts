import type { Topology } from "./topology";

/**
 * The fault schedule: every kind several times, at seeded random moments inside the busy phase
 * (never only between requests), one at a time, each held for a second or few and then healed.
 */
export const FAULT_KINDS = [
  "instance-kill",
  "postgres-crash",
  "pgbouncer-restart",
  "connection-cut",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type FaultRecord = {
  kind: FaultKind;
  detail: string;
  at: number; // ms after the run's start
  healedAt: number;
  checkoutsInFlight: number;
  /** Per instance: ms from the heal until its health check answered 200 again. */
  recoveryMs: (number | null)[];
};

/**
 * Rounds of every kind in a seeded shuffled order, each after a seeded random gap, until `more()`
 * says stop: faults land at moments the shoppers cannot foresee, mid-request as often as not.
 */
export async function runFaults(opts: {
  topology: Topology;
  monitor: HealthMonitor;
  random: () => number;
  gapMs: [number, number];
  started: number;
  checkoutsInFlight: () => number;
  more: (done: FaultRecord[]) => boolean;
  log: (s: string) => void;
}): Promise<FaultRecord[]> {
  const { topology, monitor, random } = opts;
  const done: FaultRecord[] = [];
  let victim = 0;
  while (opts.more(done)) {
    const round = [...FAULT_KINDS];
    for (let i = round.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [round[i], round[j]] = [round[j]!, round[i]!];
    }
    for (const kind of round) {
      await sleep(opts.gapMs[0] + random() * (opts.gapMs[1] - opts.gapMs[0]));
      if (!opts.more(done)) break;
      const holdMs = Math.round(1000 + random() * 2000);
      const at = Date.now() - opts.started;
      const checkoutsInFlight = opts.checkoutsInFlight();
      const v = victim++ % topology.instances.length;
      monitor.fast = true; // probe every 250 ms from the fault until every instance answers again
      const { detail, healedAt } = await inject(topology, { kind, holdMs }, v);
      // The next fault waits until every instance answers again: each recovery is measured alone.
      const recoveryMs = await monitor.waitForAll(healedAt, RESTART_BOUND_MS * 2);
      monitor.fast = false;
      done.push({ kind, detail, at, healedAt: healedAt - opts.started, checkoutsInFlight, recoveryMs });
      opts.log(
        `chaos: ${Math.round(at / 1000)} s ${kind}: ${detail}; answering again after ${recoveryMs.map((ms) => (ms === null ? "never" : `${ms} ms`)).join(", ")}`,
      );
    }
  }
  return done;
}

/** Each instance answers its health check again within this long of a database-side fault's heal… */
export const RECOVERY_BOUND_MS = 15_000;
/** …and a killed instance within this long of `next start` (boot included, on a loaded machine). */
export const RESTART_BOUND_MS = 60_000;

export function withinBound(f: FaultRecord): boolean {
  const bound = f.kind === "instance-kill" ? RESTART_BOUND_MS : RECOVERY_BOUND_MS;
  return f.recoveryMs.every((ms) => ms !== null && ms <= bound);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export async function inject(
  topology: Topology,
  fault: { kind: FaultKind; holdMs: number },
  victim: number,
): Promise<{ detail: string; healedAt: number }> {
  const hold = () => new Promise((r) => setTimeout(r, fault.holdMs));
  switch (fault.kind) {
    case "instance-kill": {
      await topology.killInstance(victim);
      await hold();
      const healedAt = Date.now();
      await topology.startInstance(victim);
      return { detail: `SIGKILL instance ${victim}, down ${fault.holdMs} ms, then next start`, healedAt };
    }
    case "postgres-crash": {
      await topology.cluster.crash();
      await hold();
      const healedAt = Date.now();
      await topology.cluster.start(); // crash recovery: WAL replay before it accepts connections
      return { detail: `pg_ctl stop -m immediate, down ${fault.holdMs} ms, then start`, healedAt };
    }
    case "pgbouncer-restart": {
      await topology.bouncer.kill();
      await hold();
      const healedAt = Date.now();
      await topology.bouncer.start();
      return { detail: `PgBouncer killed, down ${fault.holdMs} ms, then started on the same port`, healedAt };
    }
    case "connection-cut": {
      topology.proxy.down();
      topology.listenProxy.down();
      await hold();
      topology.proxy.up();
      topology.listenProxy.up();
      return {
        detail: `every app→PgBouncer (and cache listener→PostgreSQL) connection cut, new ones refused for ${fault.holdMs} ms`,
        healedAt: Date.now(),
      };
    }
  }
}

/**
 * Health of every instance: every 250 ms from a fault's start until each answers again (when each
 * answers again after a fault), every 2 s in between (the probes are requests too, on two cores).
 */
export class HealthMonitor {
  readonly samples: { at: number; instance: number; ok: boolean }[] = [];
  private fastMode = false;
  private probing = false;
  private stopped = false;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly topology: Topology,
    private readonly started: number,
  ) {}

  /** Fast probing on (a fault begins: probe at once) or off (every instance answered again). */
  set fast(on: boolean) {
    this.fastMode = on;
    if (on && !this.probing) {
      clearTimeout(this.timer);
      void this.probe();
    }
  }

  start(): void {
    void this.probe();
  }

  private async probe(): Promise<void> {
    if (this.stopped) return;
    this.probing = true;
    await Promise.all(
      this.topology.instances.map(async (app, instance) => {
        const at = Date.now() - this.started;
        let ok = false;
        try {
          const r = await fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(2000) });
          ok = r.status === 200;
          await r.body?.cancel();
        } catch {}
        this.samples.push({ at, instance, ok });
      }),
    );
    this.probing = false;
    if (!this.stopped) this.timer = setTimeout(() => void this.probe(), this.fastMode ? 250 : 2000);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** ms from `healedAt` (epoch ms) until each instance's first healthy probe sent at or after it. */
  recovery(healedAt: number): (number | null)[] {
    const from = healedAt - this.started;
    return this.topology.instances.map((_, instance) => {
      const first = this.samples.find((s) => s.instance === instance && s.at >= from && s.ok);
      return first ? first.at - from : null;
    });
  }

  /** Waits (at most `limitMs`) until every instance has answered since `healedAt`. */
  async waitForAll(healedAt: number, limitMs: number): Promise<(number | null)[]> {
    for (;;) {
      const r = this.recovery(healedAt);
      if (r.every((ms) => ms !== null) || Date.now() - healedAt > limitMs) return r;
      await sleep(250);
    }
  }
}
