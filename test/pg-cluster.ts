import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { freePort } from "../e2e/harness/app-server";
import { scratchDir } from "./scratch";

/** PostgreSQL's server programs (Debian's layout). Runs that need a cluster of their own skip when missing. */
export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
export const pgClusterMissing = existsSync(path.join(PG_BIN, "initdb"))
  ? undefined
  : `initdb not found in ${PG_BIN} (apt-get install postgresql-15, or set PG_BIN)`;

/**
 * A throwaway PostgreSQL cluster owned by a test or a run: `initdb` under a temporary folder, a free
 * port, trust auth for `postgres`. It can be crashed (`pg_ctl stop -m immediate`: no checkpoint,
 * WAL replay on the next start) without touching the machine's own server. PostgreSQL refuses to
 * run as root, so as root every program runs as the `postgres` user.
 */
export class PgCluster {
  private readonly dir = scratchDir("keepcart-pgcluster-");
  private readonly data = path.join(this.dir, "data");
  port = 0;

  /** postgres:// URL of `database` on this cluster. */
  url(database = "postgres"): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async init(): Promise<void> {
    if (pgClusterMissing) throw new Error(pgClusterMissing);
    this.port = await freePort();
    if (asRoot()) chmodSync(this.dir, 0o777);
    await this.run("initdb", ["-D", this.data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
    await this.start();
  }

  /**
   * Starts (or restarts after a crash: the server replays its WAL first). fsync is off: the faults
   * here kill processes, never the machine, so what reached the OS survives without it, and the
   * shared machine's disk is spared. Crash recovery still runs from the last checkpoint.
   */
  async start(): Promise<void> {
    const options = [
      `-p ${this.port}`,
      "-c listen_addresses=127.0.0.1",
      `-c unix_socket_directories=${this.dir}`,
      "-c fsync=off",
      "-c max_connections=200",
      "-c shared_buffers=64MB",
    ].join(" ");
    await this.run("pg_ctl", [
      "-D",
      this.data,
      "-o",
      options,
      "-l",
      path.join(this.dir, "server.log"),
      "-w",
      "start",
    ]);
  }

  /** A crash: every backend killed at once, no shutdown checkpoint. */
  async crash(): Promise<void> {
    await this.run("pg_ctl", ["-D", this.data, "-m", "immediate", "-w", "stop"]);
  }

  async stop(): Promise<void> {
    await this.run("pg_ctl", ["-D", this.data, "-m", "fast", "-w", "stop"], { allowFailure: true });
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The server's own log (crash recovery lines included), for a failed run's report. */
  logPath(): string {
    return path.join(this.dir, "server.log");
  }

  /** Asynchronous: a run's clients keep going while the server starts or crashes. */
  private async run(program: string, args: string[], { allowFailure = false } = {}): Promise<void> {
    const child = spawn(path.join(PG_BIN, program), args, {
      ...(asRoot() ? postgresIds() : {}),
      cwd: this.dir,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 60_000,
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const status = await new Promise<number | null>((resolve) => child.once("close", resolve));
    if (status !== 0 && !allowFailure) throw new Error(`${program} failed (${status}): ${output}`);
  }
}

function asRoot(): boolean {
  return process.getuid?.() === 0;
}

let ids: { uid: number; gid: number } | undefined;
function postgresIds(): { uid: number; gid: number } {
  ids ??= {
    uid: Number(spawnSync("id", ["-u", "postgres"]).stdout.toString().trim()),
    gid: Number(spawnSync("id", ["-g", "postgres"]).stdout.toString().trim()),
  };
  return ids;
}
