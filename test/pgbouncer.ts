import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/** Debian's pgbouncer (installed by .ci/run). Tests that need it skip with this reason when it is missing. */
export const PGBOUNCER_BIN = process.env.PGBOUNCER_PATH ?? "/usr/sbin/pgbouncer";
export const pgbouncerMissing = existsSync(PGBOUNCER_BIN)
  ? undefined
  : `pgbouncer not found at ${PGBOUNCER_BIN} (apt-get install pgbouncer, or set PGBOUNCER_PATH)`;

export type PgBouncerOptions = {
  /** postgres:// URL of the server to pool (its host, port and user are used; any database is served). */
  upstreamUrl: string;
  poolMode?: "transaction" | "session";
  defaultPoolSize?: number;
  maxClientConn?: number;
  /** Seconds PgBouncer waits after a failed server login before trying again (its default: 15). */
  serverLoginRetrySeconds?: number;
};

/**
 * A real PgBouncer owned by a test or a bench run, on a free port, in transaction mode by default:
 * the pooled path as on Vercel with Neon. It refuses to run as root, so as root it runs as the
 * `postgres` user. `stop()` and `start()` again restart it on the same port (a pooler restart).
 */
export class PgBouncer {
  private child?: ChildProcess;
  private readonly dir = mkdtempSync(path.join(tmpdir(), "keepcart-pgbouncer-"));
  readonly logs: string[] = [];
  port = 0;

  constructor(private readonly options: PgBouncerOptions) {}

  /** The URL of `database` through the pooler (same user as the upstream URL). */
  url(database: string): string {
    const u = new URL(this.options.upstreamUrl);
    u.hostname = "127.0.0.1";
    u.port = String(this.port);
    u.pathname = `/${database}`;
    return u.toString();
  }

  async start(): Promise<void> {
    if (pgbouncerMissing) throw new Error(pgbouncerMissing);
    if (this.port === 0) this.port = await freePort();
    const upstream = new URL(this.options.upstreamUrl);
    const user = decodeURIComponent(upstream.username || "postgres");
    const config = path.join(this.dir, "pgbouncer.ini");
    const authFile = path.join(this.dir, "users.txt");
    writeFileSync(authFile, `"${user}" "${decodeURIComponent(upstream.password)}"\n`);
    writeFileSync(
      config,
      [
        "[databases]",
        `* = host=${upstream.hostname} port=${upstream.port || 5432}`,
        "[pgbouncer]",
        "listen_addr = 127.0.0.1",
        `listen_port = ${this.port}`,
        `unix_socket_dir = ${this.dir}`,
        `auth_type = ${upstream.password ? "plain" : "trust"}`,
        `auth_file = ${authFile}`,
        `pool_mode = ${this.options.poolMode ?? "transaction"}`,
        `default_pool_size = ${this.options.defaultPoolSize ?? 10}`,
        `max_client_conn = ${this.options.maxClientConn ?? 500}`,
        // pg sends these at connect; transaction mode cannot keep them, so they are accepted and dropped.
        "ignore_startup_parameters = extra_float_digits,options,statement_timeout,application_name",
        `admin_users = ${user}`,
        "server_reset_query =",
        ...(this.options.serverLoginRetrySeconds === undefined
          ? []
          : [`server_login_retry = ${this.options.serverLoginRetrySeconds}`]),
        "",
      ].join("\n"),
    );
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      chmodSync(this.dir, 0o777);
      for (const f of [config, authFile]) chmodSync(f, 0o644);
    }
    const uid = asRoot ? Number(spawnSync("id", ["-u", "postgres"]).stdout.toString().trim()) : undefined;
    const gid = asRoot ? Number(spawnSync("id", ["-g", "postgres"]).stdout.toString().trim()) : undefined;
    const child = spawn(PGBOUNCER_BIN, [config], { uid, gid, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    const keep = (chunk: Buffer) => this.logs.push(...chunk.toString().split("\n").filter(Boolean));
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    await waitForPort(this.port, child, this.logs);
  }

  /** SIGKILL: every client connection drops at once, as when the pooler crashes. */
  async kill(): Promise<void> {
    await this.signal("SIGKILL");
  }

  async stop(): Promise<void> {
    await this.signal("SIGTERM");
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
    this.child = undefined;
  }
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, logs: string[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited (${child.exitCode}): ${logs.join("\n")}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`pgbouncer did not listen on ${port} within 10 s: ${logs.join("\n")}`);
}
