import Stripe from "stripe";
import { eventBody } from "../../test/stripe-stand-in";
import { errorCode, HttpSession } from "../lib/http-session";
import { type Entry, outcomeOf, type ShownOrder } from "./history";

/**
 * Stripe's side of the chaos run (issue 21): for a share of the confirmed orders, genuinely signed
 * webhook events (the `stripe` package's test-header helper over the exact body, with the secret
 * the instances verify with), each delivered twice — at the same moment to both instances, or the
 * second one late, seconds after, usually across a fault — and retried like Stripe retries (any
 * answer but a 2xx or a 4xx). Some stories deliver their events out of order. What was sent and
 * what was answered goes into the history; bench/chaos/payment-check.ts reads it afterwards.
 */
export type PaymentStory =
  | "pays" // checkout.session.completed
  | "pays-both-events" // checkout.session.completed and payment_intent.succeeded: Stripe sends both
  | "expires" // checkout.session.expired: the order is cancelled, its stock comes back
  | "pays-then-late-expiry" // the expiry delivered after the payment (out of order): nothing changes
  | "expires-then-late-payment"; // paid after it expired: the money goes back (a refund at the stand-in)

export type WebhookKind = "completed" | "pi-succeeded" | "expired";
export const SUCCESS_KINDS: WebhookKind[] = ["completed", "pi-succeeded"];

const STORIES: [PaymentStory, number][] = [
  ["pays", 0.4],
  ["pays-both-events", 0.2],
  ["expires", 0.15],
  ["pays-then-late-expiry", 0.1],
  ["expires-then-late-payment", 0.15],
];
const EVENTS: Record<PaymentStory, WebhookKind[]> = {
  pays: ["completed"],
  "pays-both-events": ["completed", "pi-succeeded"],
  expires: ["expired"],
  "pays-then-late-expiry": ["completed", "expired"],
  "expires-then-late-payment": ["expired", "completed"],
};

function pickStory(r: number): PaymentStory {
  let sum = 0;
  for (const [story, p] of STORIES) {
    sum += p;
    if (r < sum) return story;
  }
  return "pays";
}

export class StripeSender {
  private readonly http: HttpSession;
  private readonly signer = new Stripe("sk_test_signing_only");
  private readonly tasks = new Set<Promise<void>>();
  private counter = 0;
  readonly stories = new Map<number, PaymentStory>();

  constructor(
    private readonly opts: {
      secret: string;
      target: () => string;
      started: number;
      random: () => number;
      record: (e: Entry) => void;
      /** Share of confirmed orders that get a payment story. */
      share: number;
      /** A late delivery comes this long after the first (ms, seeded in between). */
      lateMs: [number, number];
    },
  ) {
    this.http = new HttpSession(opts.target, 60_000);
  }

  /** Called for every order a shopper saw confirmed: a share of them get a story, started now. */
  confirmed(order: ShownOrder): void {
    if (this.stories.has(order.id) || this.opts.random() >= this.opts.share) return;
    const story = pickStory(this.opts.random());
    this.stories.set(order.id, story);
    const task = this.tell(order, story).finally(() => this.tasks.delete(task));
    this.tasks.add(task);
  }

  /** Waits for every delivery still under way (late ones included). */
  async settle(): Promise<void> {
    while (this.tasks.size > 0) await Promise.all([...this.tasks]);
  }

  private async tell(order: ShownOrder, story: PaymentStory): Promise<void> {
    for (const kind of EVENTS[story]) {
      const event = this.event(kind, order);
      const late = this.opts.random() < 0.5;
      if (late) {
        // Once now; again later, after whatever fault comes in between.
        await this.deliver(event, 1);
        const [lo, hi] = this.opts.lateMs;
        await sleep(lo + this.opts.random() * (hi - lo));
        await this.deliver(event, 2);
      } else {
        // Twice at once, to two instances: the concurrent duplicate.
        await Promise.all([this.deliver(event, 1), this.deliver(event, 2)]);
      }
    }
  }

  private event(kind: WebhookKind, order: ShownOrder) {
    const orderId = String(order.id);
    const id = `evt_chaos_${order.id}_${kind}_${++this.counter}`;
    const session = (status: "complete" | "expired") => ({
      id: `cs_chaos_${orderId}`,
      object: "checkout.session",
      mode: "payment",
      status,
      payment_status: status === "complete" ? "paid" : "unpaid",
      amount_total: order.totalCents,
      currency: "gbp",
      client_reference_id: orderId,
      metadata: { orderId },
      payment_intent: status === "complete" ? `pi_chaos_${orderId}` : null,
    });
    const type =
      kind === "completed"
        ? "checkout.session.completed"
        : kind === "expired"
          ? "checkout.session.expired"
          : "payment_intent.succeeded";
    const object =
      kind === "pi-succeeded"
        ? {
            id: `pi_chaos_${orderId}`,
            object: "payment_intent",
            status: "succeeded",
            amount: order.totalCents,
            amount_received: order.totalCents,
            currency: "gbp",
            metadata: { orderId },
          }
        : session(kind === "completed" ? "complete" : "expired");
    return { id, kind, orderId: order.id, body: eventBody(id, type, object) };
  }

  /** One delivery, retried as Stripe retries: until a 2xx, or a 4xx (a refusal, never retried here). */
  private async deliver(
    event: { id: string; kind: WebhookKind; orderId: number; body: string },
    delivery: 1 | 2,
  ): Promise<void> {
    for (let attempt = 0; attempt < 60; attempt++) {
      // Stripe signs every attempt afresh (a new timestamp over the same body).
      const signature = this.signer.webhooks.generateTestHeaderString({
        payload: event.body,
        secret: this.opts.secret,
      });
      const a = await this.http.request("/api/payments/stripe/webhook", {
        method: "POST",
        rawBody: event.body,
        headers: { "stripe-signature": signature },
      });
      const outcome = outcomeOf(a.status);
      const code = errorCode(a.body);
      const handled = (a.body as { outcome?: string } | null)?.outcome;
      this.opts.record({
        client: -3,
        email: null,
        op: { f: "webhook", eventId: event.id, kind: event.kind, orderId: event.orderId, delivery, attempt },
        at: a.at - this.opts.started,
        ms: a.ms,
        target: a.target,
        status: a.status,
        outcome,
        ...(code ? { code } : {}),
        ...(handled ? { handled } : {}),
        ...(a.retryAfter ? { retryAfter: a.retryAfter } : {}),
        ...(a.errorName ? { error: a.errorName } : {}),
      });
      if (outcome !== "unknown") return;
      await sleep(300 + Math.random() * 700);
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
