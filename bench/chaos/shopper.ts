import { errorCode, HttpSession, type SessionAnswer } from "../lib/http-session";
import { type CartState, type Entry, type Op, outcomeOf, type ShownOrder } from "./history";

/**
 * One careful shopper: its own cookie, its own seeded choices. It browses, adds, changes and
 * removes lines, signs out and in (an anonymous cart merges into the account's), and checks out
 * with an idempotency key, retrying a checkout whose answer was lost (no answer, 5xx) with the
 * same key until it settles. Everything it sends and sees goes into the history first.
 */
export type ShopperContext = {
  started: number;
  target: () => string;
  record: (e: Entry) => void;
  productIds: number[];
  slugs: string[];
  /** Checkouts in flight right now (the fault schedule reports it at each fault). */
  inFlight: { checkouts: number };
  /** Orders confirmed so far (the staff client cancels some of them). */
  confirmed: number[];
  /** Told of every order a shopper saw confirmed (Stripe's side pays some of them). */
  onConfirmed?: (order: ShownOrder) => void;
  running: () => boolean;
};

const PASSWORD = "chaos-password-long-enough";
const ADDRESS = {
  fullName: "Chaos Shopper",
  line1: "1 Fault Lane",
  city: "Leeds",
  postalCode: "LS1 1AA",
  country: "UK",
};

export class ChaosShopper {
  private readonly http: HttpSession;
  private email = "";
  private generation = 0;
  private loggedIn = false;
  private checkouts = 0;
  cart: CartState = {};

  constructor(
    readonly id: number,
    private readonly random: () => number,
    private readonly ctx: ShopperContext,
    private readonly seed: number,
  ) {
    // Long enough that no request outlives its answer: a client that gave up waiting while the
    // server still worked on the request would see its effect land after it had looked again.
    this.http = new HttpSession(ctx.target, 120_000);
  }

  private pick<T>(list: T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  private async call(op: Op, path: string, init: { method?: string; body?: unknown } = {}) {
    const email = this.loggedIn ? this.email : null;
    const a = await this.http.request(path, init);
    const entry: Entry = {
      client: this.id,
      email,
      op,
      at: a.at - this.ctx.started,
      ms: a.ms,
      target: a.target,
      status: a.status,
      outcome: outcomeOf(a.status),
    };
    const code = errorCode(a.body);
    if (code) entry.code = code;
    if (a.retryAfter) entry.retryAfter = a.retryAfter;
    if (a.cookieCleared) entry.cookieCleared = true;
    if (a.errorName) entry.error = a.errorName;
    const cart = (a.body as { cart?: { lines: { productId: number; quantity: number }[] } } | null)?.cart;
    if (a.status === 200 && cart) entry.cart = cartOf(cart.lines);
    this.ctx.record(entry);
    return { answer: a, entry };
  }

  /** A new account: the slot's shopper signs up (at the start, and now and then during the run). */
  async register(): Promise<void> {
    this.email = `chaos-${this.seed}-${this.id}-${this.generation++}@example.test`;
    this.cart = {};
    for (let attempt = 0; attempt < 40 && this.ctx.running(); attempt++) {
      const { answer, entry } = await this.call({ f: "register", email: this.email }, "/api/auth/register", {
        method: "POST",
        body: { email: this.email, password: PASSWORD },
      });
      if (answer.status === 201) return this.signedIn(answer, entry);
      if (answer.status === 409) return this.login(); // an earlier attempt made the account
      await this.pause(answer);
    }
  }

  /** Signs in, merging whatever the anonymous cart holds; retried until it settles. */
  async login(): Promise<void> {
    for (let attempt = 0; attempt < 40 && this.ctx.running(); attempt++) {
      const { answer, entry } = await this.call({ f: "login", email: this.email }, "/api/auth/login", {
        method: "POST",
        body: { email: this.email, password: PASSWORD },
      });
      if (answer.status === 200) return this.signedIn(answer, entry);
      if (answer.status !== 0 && answer.status < 500 && answer.status !== 429) return;
      await this.pause(answer);
    }
  }

  private async signedIn(answer: SessionAnswer, entry: Entry): Promise<void> {
    const capped = (answer.body as { capped?: { productId: number; kept: number }[] }).capped ?? [];
    if (capped.length) entry.capped = capped.map((c) => ({ productId: c.productId, kept: c.kept }));
    this.loggedIn = true;
    await this.readCart(); // the merged cart, as the account now holds it
  }

  async logout(): Promise<void> {
    for (let attempt = 0; attempt < 40 && this.ctx.running(); attempt++) {
      const { answer } = await this.call({ f: "logout" }, "/api/auth/logout", { method: "POST" });
      // Whatever the answer, the shopper no longer counts on being signed in.
      this.loggedIn = false;
      if (answer.status === 200) {
        this.cart = {};
        return;
      }
      await this.pause(answer);
    }
  }

  private async readCart(): Promise<void> {
    for (let attempt = 0; attempt < 40 && this.ctx.running(); attempt++) {
      const { answer, entry } = await this.call({ f: "cart" }, "/api/cart");
      if (entry.cart) {
        this.cart = entry.cart;
        return;
      }
      await this.pause(answer);
    }
  }

  /** After the run: one more look at the cart, so the checker compares the end with the history. */
  async finalRead(): Promise<void> {
    if (!this.loggedIn) await this.login();
    await this.readCart();
  }

  /** A change whose answer was lost is followed by a read, as a careful client would resync. */
  private async change(op: Op, path: string, init: { method: string; body?: unknown }): Promise<void> {
    const { answer, entry } = await this.call(op, path, init);
    if (entry.cart) this.cart = entry.cart;
    else if (entry.outcome === "unknown") {
      await this.pause(answer);
      await this.readCart();
    }
  }

  /**
   * One visit: mostly a line or two and a checkout (the run is about checkouts through faults, on
   * two shared cores), with every other operation mixed in now and then: browsing pages and the
   * API, changing and removing lines, reading the cart, asking who one is, signing out and back in
   * (the anonymous cart merges), and a new account.
   */
  async visit(): Promise<void> {
    if (!this.loggedIn) await this.login();
    const r = this.random;
    if (r() < 0.04) {
      const path = this.pick(["/", `/products/${this.pick(this.ctx.slugs)}`, "/cart", "/api/products"]);
      await this.call({ f: "browse", path }, path);
    }
    if (r() < 0.015) await this.signOutAndBack();
    if (r() < 0.003) {
      await this.logout();
      await this.register();
    }
    for (let n = r() < 0.85 ? 1 : 2; n > 0; n--) {
      const productId = this.pick(this.ctx.productIds);
      const quantity = 1 + Math.floor(r() * 2);
      await this.change({ f: "add", productId, quantity }, "/api/cart/items", {
        method: "POST",
        body: { productId, quantity },
      });
    }
    const lines = Object.keys(this.cart).map(Number);
    if (lines.length > 0 && r() < 0.04) {
      const productId = this.pick(lines);
      const quantity = 1 + Math.floor(r() * 3);
      await this.change({ f: "set", productId, quantity }, `/api/cart/items/${productId}`, {
        method: "PATCH",
        body: { quantity },
      });
    }
    if (lines.length > 1 && r() < 0.04) {
      const productId = this.pick(lines);
      await this.change({ f: "remove", productId }, `/api/cart/items/${productId}`, { method: "DELETE" });
    }
    if (r() < 0.02) await this.readCart();
    if (r() < 0.015)
      await this.call({ f: "me" }, "/api/auth/me").then(({ entry, answer }) => {
        const user = (answer.body as { user?: { email: string } | null } | null)?.user;
        if (answer.status === 200) entry.meEmail = user?.email ?? null;
      });
    if (Object.keys(this.cart).length > 0 && r() < 0.97) await this.checkout();
  }

  /** Sign out, add a line anonymously, sign in again: the anonymous cart merges into the account's. */
  private async signOutAndBack(): Promise<void> {
    await this.logout();
    const productId = this.pick(this.ctx.productIds);
    await this.change({ f: "add", productId, quantity: 1 }, "/api/cart/items", {
      method: "POST",
      body: { productId, quantity: 1 },
    });
    await this.login();
  }

  /** Places the cart; an answer lost (no answer, 5xx) is retried with the same key until it settles. */
  async checkout(): Promise<void> {
    // At least 16 characters, as the API requires, whatever the seed (`--seed 11` made "chaos-11-4-0").
    const key = `chaos-checkout-${this.seed}-${this.id}-${this.checkouts++}`;
    this.ctx.inFlight.checkouts++;
    try {
      for (let attempt = 0; attempt < 60; attempt++) {
        const { answer, entry } = await this.call({ f: "checkout", key, attempt }, "/api/orders", {
          method: "POST",
          body: { idempotencyKey: key, address: ADDRESS },
        });
        if (entry.outcome === "ok") {
          entry.order = shownOrder(answer.body);
          this.ctx.confirmed.push(entry.order.id);
          this.ctx.onConfirmed?.(entry.order);
          this.cart = {};
          return;
        }
        if (entry.outcome === "fail") {
          if (answer.status === 409) await this.readCart(); // sold out: the shopper looks again
          return;
        }
        await this.pause(answer);
      }
    } finally {
      this.ctx.inFlight.checkouts--;
    }
  }

  private async pause(answer: SessionAnswer): Promise<void> {
    const seconds = Number(answer.retryAfter);
    // Retry-After says 5 s; a shopper waits less, but not nothing, and never in step with the others.
    const ms =
      Number.isFinite(seconds) && seconds > 0 ? 400 + this.random() * 800 : 200 + this.random() * 600;
    await new Promise((r) => setTimeout(r, ms));
  }
}

export function cartOf(lines: { productId: number; quantity: number }[]): CartState {
  return Object.fromEntries(lines.map((l) => [l.productId, l.quantity]));
}

function shownOrder(body: unknown): ShownOrder {
  const order = (
    body as { order: { id: number; totalCents: number; items: { productId: number; quantity: number }[] } }
  ).order;
  return { id: order.id, totalCents: order.totalCents, lines: cartOf(order.items) };
}
