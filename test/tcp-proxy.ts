import net from "node:net";

/**
 * A TCP proxy owned by a test, between the app and PostgreSQL: it can cut every connection, refuse
 * new ones, or delay traffic, so database faults are injected without touching the real server.
 */
export class TcpFaultProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private refusing = false;
  private delayMs = 0;
  private delayBothWays = true;
  /** Connections closed on arrival while refusing, since the proxy started. */
  refused = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(port = 0): Promise<number> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    return (this.server.address() as net.AddressInfo).port;
  }

  get port(): number {
    return (this.server!.address() as net.AddressInfo).port;
  }

  /** Drops every open connection (both ends see a reset). */
  cut(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  /** While on, new connections are closed as soon as they arrive. */
  refuse(on: boolean): void {
    this.refusing = on;
  }

  /** Cut everything and refuse new connections: the database is "down". */
  down(): void {
    this.refuse(true);
    this.cut();
  }

  up(): void {
    this.refuse(false);
  }

  /** Delays every chunk by `ms`; `oneWay`: only towards the server (a round trip of about `ms`). */
  latency(ms: number, { oneWay = false } = {}): void {
    this.delayMs = ms;
    this.delayBothWays = !oneWay;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: net.Socket): void {
    if (this.refusing) {
      this.refused++;
      client.destroy();
      return;
    }
    const upstream = net.connect(this.target.port, this.target.host);
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => {
        this.sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    this.pipe(client, upstream, true);
    this.pipe(upstream, client, false);
  }

  private pipe(from: net.Socket, to: net.Socket, towardsServer: boolean): void {
    from.on("data", (chunk) => {
      if (this.delayMs === 0 || (!towardsServer && !this.delayBothWays)) to.write(chunk);
      else {
        from.pause();
        setTimeout(() => {
          to.write(chunk);
          from.resume();
        }, this.delayMs);
      }
    });
  }
}
