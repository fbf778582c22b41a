import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { SmtpSink } from "../../test/smtp-sink";

export type AppServerOptions = {
  /** postgres:// URL of this test's own database, or undefined for the embedded PGlite store. */
  databaseUrl?: string;
  pgliteDir?: string;
  env?: Record<string, string>;
};

export const TEST_MAIL_FROM = "Keepcart <shop@keepcart.test>";
export const TEST_SESSION_SECRET = "e2e-session-secret-e2e-session-secret-01";
/** Staff sign-in for e2e tests. Production refuses plain passwords, so the server gets the hash. */
export const TEST_ADMIN = { username: "staff", password: "staff-password-for-tests" };
// `printf '%s' staff-password-for-tests | npm run admin:hash --silent`
export const TEST_ADMIN_HASH =
  "scrypt$32768$8$1$kxrP6EKWXHn4NRe6P-u9Nw$f2ELRhXeFI-egp0OI2TOmx0ZEyEtoGC8muIAJ1x3Lo4";
const ROOT = path.resolve(__dirname, "..", "..");

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * One `next start` of the production build, in its own process group, on a free port. A test can
 * stop it (SIGTERM), crash it (SIGKILL) and start it again on the same port and database.
 */
export class AppServer {
  private child?: ChildProcess;
  readonly logs: string[] = [];
  port = 0;
  /** The server's mail server (a real SMTP sink, kept across restarts), unless `env.SMTP_URL` names another. */
  mail?: SmtpSink;

  constructor(private readonly options: AppServerOptions) {}

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  /** Resident memory of the server's whole process group, in MiB (Linux /proc). */
  async rssMiB(): Promise<number> {
    const { execFileSync } = await import("node:child_process");
    const out = execFileSync("ps", ["-o", "rss=", "-g", String(this.child!.pid)], { encoding: "utf8" });
    return out.split("\n").reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) / 1024;
  }

  async start({ waitForHealth = true } = {}): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    if (!this.mail && this.options.env?.SMTP_URL === undefined) this.mail = await SmtpSink.start();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(this.port),
      SESSION_SECRET: TEST_SESSION_SECRET,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "info",
      ADMIN_USERS: `${TEST_ADMIN.username}:${TEST_ADMIN_HASH}`,
      SMTP_URL: this.mail?.url,
      MAIL_FROM: TEST_MAIL_FROM,
      PUBLIC_BASE_URL: this.url,
      // Node's compiled-code cache, shared by every server of the run: a start after the first
      // skips compiling Next's server bundles again (about a fifth of a start's CPU).
      NODE_COMPILE_CACHE: path.join(tmpdir(), "keepcart-e2e-node-compile-cache"),
      ...this.options.env,
    };
    if (this.options.databaseUrl) env.DATABASE_URL = this.options.databaseUrl;
    else {
      delete env.DATABASE_URL;
      env.KEEPCART_EMBEDDED_DB = this.options.env?.KEEPCART_EMBEDDED_DB ?? "allow";
      env.PGLITE_DIR = this.options.pgliteDir;
    }
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["start", "-p", String(this.port)], {
      cwd: ROOT,
      env,
      detached: true, // its own process group: a kill reaches next's workers too
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    child.stdout?.on("data", (d) => this.logs.push(String(d)));
    child.stderr?.on("data", (d) => this.logs.push(String(d)));
    // An embedded store's first start creates and seeds the database in WASM: 20 s alone, over 45 s
    // beside a second copy of the suite.
    if (waitForHealth) await this.waitForHealth(this.options.databaseUrl ? 45_000 : 150_000);
  }

  async waitForHealth(timeoutMs = 45_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) {
        throw new Error(`server exited with ${this.child.exitCode}:\n${this.logs.join("")}`);
      }
      try {
        const response = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(2000) });
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`server not healthy after ${timeoutMs} ms:\n${this.logs.join("")}`);
  }

  /** Graceful: SIGTERM, then wait for the process to exit. */
  async stop(): Promise<void> {
    await this.signal("SIGTERM");
  }

  /** A crash: SIGKILL to the whole group, no chance to clean up. */
  async crash(): Promise<void> {
    await this.signal("SIGKILL");
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(-child.pid!, signal);
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {}
    }, 10_000);
    await exited;
    clearTimeout(timer);
    // The process group may still hold the port for a moment.
    await new Promise((r) => setTimeout(r, 100));
  }
}
