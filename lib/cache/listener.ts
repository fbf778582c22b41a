import { randomBytes } from "node:crypto";
import pg from "pg";
import type { EvictionKey } from "./store";

export const CHANNEL = "keepcart_cache";
const EVICTION = /^(s:[A-Za-z0-9_-]{1,128}|u:\d{1,12}|p:\d{1,12})$/;

export type ListenerOptions = {
  /** A direct (session-mode) URL: a LISTEN through a transaction-mode pooler is silently lost. */
  url: string;
  /** The cache is trusted only while a heartbeat sent less than this long ago has come back. */
  leaseMs: number;
  connectTimeoutMs: number;
  onEvict: (key: EvictionKey) => void;
  /** The cache must be emptied: the channel (re)opened, or a payload we cannot name arrived. */
  onReset: () => void;
  onLost?: (error: unknown) => void;
};

export type ListenerState = "connecting" | "open" | "down" | "stopped";

/**
 * One dedicated connection that LISTENs on the cache channel. The channel is the guarantee, so
 * `usable()` is true only while this instance provably hears every change:
 * - a heartbeat goes through the channel itself (`pg_notify` of our own nonce). Notifications are
 *   delivered in commit order, so when heartbeat N comes back, every change committed before N
 *   was sent has been applied. The cache is trusted for `leaseMs` after the send time of the last
 *   heartbeat that came back: a connection that died silently stops the cache within the lease.
 * - when the connection fails the cache stops at once, and reconnecting empties it before use.
 */
export class CacheListener {
  private client?: pg.Client;
  private generation = 0;
  private heartbeatTimer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  private retryDelayMs = 100;
  private confirmedSentAt = 0;
  private heartbeatInFlight = false;
  private readonly nonce = randomBytes(6).toString("base64url");
  state: ListenerState = "down";
  backendPid?: number;
  reconnects = 0;
  /** Statements this connection has run (LISTEN, its pid, heartbeats): the bench subtracts them. */
  statements = 0;

  constructor(private readonly options: ListenerOptions) {}

  start(): void {
    if (this.state === "stopped") return;
    void this.connect();
  }

  usable(now = Date.now()): boolean {
    return this.state === "open" && now - this.confirmedSentAt < this.options.leaseMs;
  }

  /** Resolves once usable (tests, the bench); rejects after `timeoutMs`. */
  async whenUsable(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.usable()) {
      if (Date.now() > deadline)
        throw new Error(`cache listener not usable after ${timeoutMs} ms (${this.state})`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async stop(): Promise<void> {
    this.state = "stopped";
    clearTimeout(this.retryTimer);
    clearInterval(this.heartbeatTimer);
    const client = this.client;
    this.client = undefined;
    this.generation++;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.state = "connecting";
    const client = new pg.Client({
      connectionString: this.options.url,
      connectionTimeoutMillis: this.options.connectTimeoutMs,
      keepAlive: true,
      application_name: "keepcart-cache-listener",
    });
    this.client = client;
    const current = () => generation === this.generation && this.state !== "stopped";
    client.on("notification", (message) => {
      if (current() && message.channel === CHANNEL) this.receive(message.payload ?? "");
    });
    client.on("error", (error) => {
      if (current()) this.lost(error);
    });
    client.on("end", () => {
      if (current()) this.lost(new Error("cache listener connection ended"));
    });
    try {
      await client.connect();
      this.statements += 2;
      await client.query(`LISTEN ${CHANNEL}`);
      const pid = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
      if (!current()) return void client.end().catch(() => {});
      this.backendPid = pid.rows[0]?.pid;
      // Anything committed while we were not listening was never sent to us: start empty.
      this.options.onReset();
      this.state = "open";
      this.retryDelayMs = 100;
      this.heartbeatInFlight = false; // a heartbeat of a dropped connection settles nothing here
      this.heartbeatTimer = setInterval(() => this.heartbeat(client, current), this.options.leaseMs / 4);
      this.heartbeatTimer.unref();
      this.heartbeat(client, current);
    } catch (error) {
      if (current()) this.lost(error);
    }
  }

  private heartbeat(client: pg.Client, current: () => boolean): void {
    if (!current()) return;
    const sentAt = Date.now();
    // A heartbeat unanswered for three leases means a connection dead without telling us: start over.
    if (this.confirmedSentAt > 0 && sentAt - this.confirmedSentAt > 3 * this.options.leaseMs) {
      this.lost(new Error("cache listener heartbeat lost"));
      return;
    }
    // One heartbeat at a time: while a flood of notifications is being read the previous one may
    // still be queued, and a second query on a busy client is deprecated in pg (removed in pg 9).
    if (this.heartbeatInFlight) return;
    this.heartbeatInFlight = true;
    this.statements++;
    client.query("select pg_notify($1, $2)", [CHANNEL, `h:${this.nonce}:${sentAt}`]).then(
      () => {
        if (current()) this.heartbeatInFlight = false;
      },
      (error) => {
        if (current()) this.lost(error);
      },
    );
  }

  private receive(payload: string): void {
    if (payload.startsWith("h:")) {
      const [, nonce, sentAt] = payload.split(":");
      if (nonce === this.nonce) this.confirmedSentAt = Math.max(this.confirmedSentAt, Number(sentAt));
      return;
    }
    // Anything unrecognised empties the cache rather than being ignored: an unknown change is a change.
    if (EVICTION.test(payload)) this.options.onEvict(payload as EvictionKey);
    else this.options.onReset();
  }

  private lost(error: unknown): void {
    if (this.state === "stopped") return;
    const wasOpen = this.state === "open";
    this.state = "down";
    this.confirmedSentAt = 0;
    this.generation++;
    clearInterval(this.heartbeatTimer);
    const client = this.client;
    this.client = undefined;
    client?.removeAllListeners("end");
    client?.on("error", () => {}); // a late socket error on a connection we have dropped
    client?.end().catch(() => {});
    if (wasOpen) this.options.onLost?.(error);
    this.reconnects++;
    const delay = this.retryDelayMs * (0.5 + Math.random());
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, 5000);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }
}
