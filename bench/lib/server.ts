import type { ChildProcess } from "node:child_process";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { AppServer } from "../../e2e/harness/app-server";
import { groupProcesses } from "./proc";

const SOURCES = [
  "app",
  "components",
  "lib",
  "db",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "package-lock.json",
];

/** Newest modification time under the app's sources: a build older than that measures old code. */
function newestSource(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestSource(path.join(entry, name))));
}

/** The production build is what is measured: built when missing, older than a source, or on --rebuild. */
export function ensureBuild(force: boolean, log: (s: string) => void): string {
  const buildId = path.join(process.cwd(), ".next", "BUILD_ID");
  const stale = !existsSync(buildId) || statSync(buildId).mtimeMs < Math.max(...SOURCES.map(newestSource));
  if (force || stale) {
    log("  building the production app (next build)…");
    const result = spawnSync(path.join("node_modules", ".bin", "next"), ["build"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (result.status !== 0) throw new Error("next build failed");
  }
  return readFileSync(buildId, "utf8").trim();
}

/**
 * `next start` on the bench's own database, through the e2e harness (own process group). Logging at
 * warn: an info line per request would measure the log pipe. The prune timer is pushed out of the
 * run; idle connections close after 1.5 s so the database statistics of a burst are reported soon.
 */
export async function startApp(databaseUrl: string, env: Record<string, string> = {}): Promise<AppServer> {
  const server = new AppServer({
    databaseUrl,
    env: {
      LOG_LEVEL: "warn",
      PRUNE_INTERVAL_SECONDS: "86400",
      DB_POOL_MAX: "10",
      DB_IDLE_TIMEOUT_MS: "1500",
      ...env,
    },
  });
  await server.start();
  return server;
}

export function serverPid(server: AppServer): number {
  const child = (server as unknown as { child?: ChildProcess }).child;
  if (!child?.pid) throw new Error("app server not running");
  return child.pid;
}

export type ProcessRss = { pid: number; command: string; rssMiB: number };

/** RSS of every process in the server's process group (next start may fork a worker): from /proc. */
export function groupRss(pgid: number): ProcessRss[] {
  const found: ProcessRss[] = [];
  for (const { pid } of groupProcesses(pgid)) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").slice(0, 3).join(" ");
      found.push({ pid: Number(pid), command: command.slice(0, 120), rssMiB: kib / 1024 });
    } catch {
      // the process ended while we looked
    }
  }
  return found.sort((a, b) => b.rssMiB - a.rssMiB);
}

/**
 * CPU time (user + system, ms) of every process in the server's group so far, from /proc/<pid>/stat
 * (clock ticks of 10 ms). Unlike throughput, the CPU a request costs does not depend on what else
 * the machine runs, so on a shared machine it is the steadier comparison of two pages.
 */
export function groupCpuMs(pgid: number): number {
  let ticks = 0;
  // utime, stime (fields 14 and 15 of stat)
  for (const { fields } of groupProcesses(pgid)) ticks += Number(fields[11]) + Number(fields[12]);
  return ticks * 10;
}
