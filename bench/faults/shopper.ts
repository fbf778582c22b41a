import { randomUUID } from "node:crypto";
import { errorCode, HttpSession } from "../lib/http-session";

/**
 * One simulated shopper over real HTTP: a cookie jar, a mix of browse / add / login / checkout, and
 * a tally of every answer by kind. Checkout retries an outage with the same idempotency key, as a
 * real client should, so an order is confirmed to the shopper at most once.
 */
export type Tally = Map<string, number>;
export type ConfirmedOrder = { orderId: number; idempotencyKey: string; email: string };
export type Answer = { status: number; body: unknown; at: number };
/** Every request's start time, kind, answer and duration: for latency by phase and 5xx timing. */
export type Trace = { at: number; kind: string; status: number; ms: number; path: string }[];

const PASSWORD = "bench-password-long-enough";

export class Shopper {
  private readonly http: HttpSession;
  private loggedIn = false;
  readonly email = `bench-${randomUUID().slice(0, 8)}@example.test`;
  readonly confirmed: ConfirmedOrder[] = [];

  constructor(
    baseUrl: string,
    private readonly tally: Tally,
    private readonly trace: Trace,
    private readonly productIds: number[],
    private readonly slugs: string[],
  ) {
    this.http = new HttpSession(() => baseUrl);
  }

  /** One request; the answer's kind is counted ("browse 200", "checkout 503", "add network-error"…). */
  async request(kind: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<Answer> {
    const a = await this.http.request(path, init);
    if (a.status === 0) this.count(`${kind} network-error ${a.errorName}`);
    else {
      const code = errorCode(a.body);
      this.count(`${kind} ${a.status}${code ? ` ${code}` : ""}`);
    }
    this.trace.push({ at: a.at, kind, status: a.status, ms: a.ms, path });
    return { status: a.status, body: a.body, at: a.at };
  }

  private count(key: string): void {
    this.tally.set(key, (this.tally.get(key) ?? 0) + 1);
  }

  private pick<T>(list: T[]): T {
    return list[Math.floor(Math.random() * list.length)]!;
  }

  async register(): Promise<void> {
    for (let i = 0; i < 20; i++) {
      const r = await this.request("register", "/api/auth/register", {
        method: "POST",
        body: { email: this.email, password: PASSWORD },
      });
      if (r.status === 201) {
        this.loggedIn = true;
        return;
      }
      if (r.status === 409) return this.login();
      await sleep(500);
    }
  }

  async login(): Promise<void> {
    const r = await this.request("login", "/api/auth/login", {
      method: "POST",
      body: { email: this.email, password: PASSWORD },
    });
    this.loggedIn = r.status === 200;
  }

  /** One step of shopping, chosen at random with weights close to a real shop's. */
  async step(): Promise<void> {
    if (!this.loggedIn) {
      // A login lost to an outage is tried again first, at a calm pace.
      await this.login();
      if (!this.loggedIn) await sleep(500);
      return;
    }
    const roll = Math.random();
    if (roll < 0.3) {
      const path = this.pick(["/", `/products/${this.pick(this.slugs)}`, "/api/products", "/cart"]);
      await this.request("browse", path);
    } else if (roll < 0.65) {
      await this.request("add", "/api/cart/items", {
        method: "POST",
        body: { productId: this.pick(this.productIds), quantity: 1 + Math.floor(Math.random() * 2) },
      });
    } else if (roll < 0.78) {
      await this.request("cart", "/api/cart");
    } else if (roll < 0.9) {
      await this.checkout();
    } else {
      // Sign out, shop anonymously, sign in again: the anonymous cart merges into the account's.
      const out = await this.request("logout", "/api/auth/logout", { method: "POST" });
      if (out.status === 200) this.loggedIn = false;
      await this.request("add", "/api/cart/items", {
        method: "POST",
        body: { productId: this.pick(this.productIds), quantity: 1 },
      });
      await this.login();
    }
  }

  /** Places the cart; an outage (503, or no answer) is retried with the same key until it settles. */
  async checkout(): Promise<void> {
    const idempotencyKey = randomUUID();
    const body = {
      idempotencyKey,
      address: {
        fullName: "Bench Shopper",
        line1: "1 Load Street",
        city: "Leeds",
        postalCode: "LS1 1AA",
        country: "UK",
      },
    };
    for (let attempt = 0; attempt < 30; attempt++) {
      const r = await this.request("checkout", "/api/orders", { method: "POST", body });
      if (r.status === 200 || r.status === 201) {
        const order = (r.body as { order: { id: number } }).order;
        this.confirmed.push({ orderId: order.id, idempotencyKey, email: this.email });
        return;
      }
      if (r.status !== 503 && r.status !== 0) return; // empty cart, sold out, logged out: settled
      await sleep(1000);
    }
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
