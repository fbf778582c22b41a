import { randomBytes } from "node:crypto";
import { AppServer } from "../../e2e/harness/app-server";
import { sql } from "../../e2e/harness/database";
import { PgCluster } from "../../test/pg-cluster";
import { PgBouncer } from "../../test/pgbouncer";
import { StripeStandIn } from "../../test/stripe-stand-in";
import { TcpFaultProxy } from "../../test/tcp-proxy";

/**
 * What a chaos run stands on, every piece its own and breakable:
 *   clients ─(round robin over live instances)─▶ next start × N ─▶ TCP fault proxy ─▶ PgBouncer
 *   (transaction mode) ─▶ a throwaway PostgreSQL cluster (initdb under a temp folder, free port).
 * Each instance's session-cache listener (one LISTEN connection, decision 035) cannot go through a
 * transaction-mode pooler: as in a deployment, it gets DATABASE_URL_UNPOOLED, here through a second
 * fault proxy straight to the cluster, cut together with the first. Card payments go to the Stripe
 * stand-in (test/stripe-stand-in.ts): the orders are Stripe's, and webhooks settle them.
 * The round robin is the clients' own, as a load balancer with health checks would route: an
 * instance is left out from the moment it is killed until it answers its health check again.
 */
export class Topology {
  readonly cluster = new PgCluster();
  bouncer!: PgBouncer;
  proxy!: TcpFaultProxy;
  /** Between the instances' cache listeners and the cluster (session mode, no pooler). */
  listenProxy!: TcpFaultProxy;
  readonly stripe = new StripeStandIn();
  /** The signing secret the instances verify webhooks with (made per run; a test value, not a secret). */
  readonly webhookSecret = `whsec_chaos${randomBytes(18).toString("hex")}`;
  readonly instances: AppServer[] = [];
  readonly live: boolean[] = [];
  private turn = 0;

  constructor(private readonly options: { instances: number; env?: Record<string, string> }) {}

  /** The database URL the checker reads directly (not through the pooler or the fault proxy). */
  get directUrl(): string {
    return this.cluster.url("keepcart");
  }

  async start(log: (s: string) => void): Promise<void> {
    await this.cluster.init();
    await sql(this.cluster.url(), "create database keepcart");
    // As the deploy guide asks behind a transaction-mode pooler: the app's own SET on connect lands
    // on whichever server connection the pooler picks, and a restarted PostgreSQL has none of them.
    await sql(this.cluster.url(), "alter database keepcart set statement_timeout = '5s'");
    // A failed server login is retried after 1 s, not PgBouncer's default 15 s: with the default the
    // whole shop answered 503 for up to 15 s after PostgreSQL was back (decision 037).
    this.bouncer = new PgBouncer({
      upstreamUrl: this.cluster.url(),
      defaultPoolSize: 16,
      serverLoginRetrySeconds: 1,
    });
    await this.bouncer.start();
    this.proxy = new TcpFaultProxy({ host: "127.0.0.1", port: this.bouncer.port });
    await this.proxy.start();
    const appUrl = new URL(this.bouncer.url("keepcart"));
    appUrl.port = String(this.proxy.port);
    const clusterUrl = new URL(this.directUrl);
    this.listenProxy = new TcpFaultProxy({ host: "127.0.0.1", port: Number(clusterUrl.port) });
    await this.listenProxy.start();
    const unpooledUrl = new URL(this.directUrl);
    unpooledUrl.port = String(this.listenProxy.port);
    const stripeUrl = await this.stripe.start();
    for (let i = 0; i < this.options.instances; i++) {
      this.instances.push(
        new AppServer({
          databaseUrl: appUrl.toString(),
          env: {
            LOG_LEVEL: process.env.KEEPCART_CHAOS_LOG_LEVEL ?? "warn",
            // PgBouncer 1.18 in transaction mode cannot keep a named prepared statement (decision 024).
            DB_PREPARED_STATEMENTS: "off",
            // The app's default wait for a pooled connection: with 2 s, a burst on a loaded machine
            // (other work on the two cores) answered 503 with no fault anywhere.
            DB_CONNECT_TIMEOUT_MS: "5000",
            DB_POOL_MAX: "8",
            PRUNE_INTERVAL_SECONDS: "86400",
            DATABASE_URL_UNPOOLED: unpooledUrl.toString(),
            STRIPE_SECRET_KEY: "sk_test_chaos",
            STRIPE_WEBHOOK_SECRET: this.webhookSecret,
            STRIPE_API_URL: stripeUrl,
            ...this.options.env,
          },
        }),
      );
      this.live.push(false);
    }
    // Together: migrations run under an advisory lock, so exactly one instance applies them.
    log(`chaos: starting ${this.instances.length} instances`);
    await Promise.all(this.instances.map((app) => app.start()));
    this.live.fill(true);
  }

  /** The next live instance's origin (round robin); every instance when none is live. */
  next(): string {
    const n = this.instances.length;
    for (let k = 0; k < n; k++) {
      const i = this.turn++ % n;
      if (this.live[i]) return this.instances[i]!.url;
    }
    return this.instances[this.turn++ % n]!.url;
  }

  async killInstance(i: number): Promise<void> {
    this.live[i] = false;
    await this.instances[i]!.crash();
  }

  /** Starts a killed instance; it rejoins the round robin once its health check answers 200. */
  async startInstance(i: number): Promise<void> {
    await this.instances[i]!.start({ waitForHealth: false });
    await this.instances[i]!.waitForHealth(120_000);
    this.live[i] = true;
  }

  serverLogs(): string[] {
    return this.instances.map((app) => app.logs.join(""));
  }

  async close(): Promise<void> {
    for (const app of this.instances) await app.stop().catch(() => {});
    await this.proxy?.close().catch(() => {});
    await this.listenProxy?.close().catch(() => {});
    await this.stripe.stop().catch(() => {});
    await this.bouncer?.close().catch(() => {});
    await this.cluster.close().catch(() => {});
  }
}
