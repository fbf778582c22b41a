import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

/**
 * A local HTTP server answering the few Stripe endpoints Keepcart calls (lib/payment/stripe-api.ts)
 * with Stripe-shaped JSON: these machines cannot reach Stripe. It keeps Checkout Sessions in memory,
 * honours Idempotency-Key like Stripe (same key → same answer), and lets a test complete a session
 * as a shopper paying would. Signed webhook events are made with the stripe package's own helper.
 */
type Session = Stripe.Checkout.Session;

export class StripeStandIn {
  readonly sessions = new Map<string, Session>();
  readonly refunds: Stripe.Refund[] = [];
  readonly requests: { method: string; path: string; idempotencyKey: string | undefined }[] = [];
  private readonly byIdempotencyKey = new Map<string, { status: number; body: unknown }>();
  private server?: Server;
  private counter = 0;
  /** While set, every call answers 500 (Stripe down). */
  failing = false;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The shopper paid on Stripe's page. */
  complete(sessionId: string): Session {
    const session = this.sessions.get(sessionId)!;
    Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: this.id("pi") });
    return session;
  }

  private id(prefix: string): string {
    return `${prefix}_test_${(++this.counter).toString().padStart(6, "0")}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString());
    const path = (req.url ?? "").split("?")[0]!;
    const key = req.headers["idempotency-key"] as string | undefined;
    this.requests.push({ method: req.method!, path, idempotencyKey: key });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "request-id": this.id("req") });
      res.end(JSON.stringify(body));
    };
    if (this.failing) return send(500, stripeError("api_error", "Stand-in is down."));
    if (!req.headers.authorization?.startsWith("Bearer sk_test_")) {
      return send(401, stripeError("invalid_request_error", "Invalid API Key provided."));
    }
    const remembered = key && this.byIdempotencyKey.get(`${path}|${key}`);
    if (remembered) return send(remembered.status, remembered.body);
    const [status, body] = this.route(req.method!, path, form);
    if (key) this.byIdempotencyKey.set(`${path}|${key}`, { status, body });
    send(status, body);
  }

  private route(method: string, path: string, form: URLSearchParams): [number, unknown] {
    if (method === "POST" && path === "/v1/checkout/sessions") return [200, this.createSession(form)];
    const match = /^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/.exec(path);
    if (match) {
      const session = this.sessions.get(match[1]!);
      if (!session)
        return [404, stripeError("invalid_request_error", `No such checkout.session: '${match[1]}'`)];
      if (method === "GET") return [200, session];
      if (session.status !== "open") {
        return [
          400,
          stripeError(
            "invalid_request_error",
            'Only Checkout Sessions with a status in ["open"] can be expired.',
          ),
        ];
      }
      session.status = "expired";
      return [200, session];
    }
    if (method === "POST" && path === "/v1/refunds") {
      const refund = {
        id: this.id("re"),
        object: "refund",
        amount: Number(form.get("amount")),
        currency: "gbp",
        payment_intent: form.get("payment_intent"),
        status: "succeeded",
        metadata: { orderId: form.get("metadata[orderId]") },
      } as unknown as Stripe.Refund;
      this.refunds.push(refund);
      return [200, refund];
    }
    return [404, stripeError("invalid_request_error", `Unrecognized request URL (${method}: ${path}).`)];
  }

  private createSession(form: URLSearchParams): Session {
    let amount = 0;
    for (let i = 0; form.has(`line_items[${i}][quantity]`); i++) {
      amount +=
        Number(form.get(`line_items[${i}][quantity]`)) *
        Number(form.get(`line_items[${i}][price_data][unit_amount]`));
    }
    const id = this.id("cs");
    const session = {
      id,
      object: "checkout.session",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      amount_total: amount,
      currency: form.get(`line_items[0][price_data][currency]`),
      client_reference_id: form.get("client_reference_id"),
      customer_email: form.get("customer_email"),
      metadata: { orderId: form.get("metadata[orderId]") },
      payment_intent: null,
      expires_at: Number(form.get("expires_at")),
      success_url: form.get("success_url"),
      cancel_url: form.get("cancel_url"),
      url: `https://checkout.stripe.test/c/pay/${id}`,
      livemode: false,
    } as unknown as Session;
    this.sessions.set(id, session);
    return session;
  }
}

function stripeError(type: string, message: string) {
  return { error: { type, message } };
}

let eventCounter = 0;

/** An event's JSON as Stripe sends it to a webhook (unsigned: the caller signs or not). */
export function eventBody(id: string, type: string, object: unknown): string {
  return JSON.stringify({
    id,
    object: "event",
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    type,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
  });
}

/** A webhook delivery as Stripe sends it: the event JSON and its Stripe-Signature header. */
export function signedEvent(
  type: string,
  object: unknown,
  secret: string,
  options: { id?: string; timestamp?: number } = {},
): { id: string; body: string; signature: string } {
  const id = options.id ?? `evt_test_${Date.now()}_${++eventCounter}`;
  const body = eventBody(id, type, object);
  const stripe = new Stripe("sk_test_signing_only");
  const signature = stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret,
    timestamp: options.timestamp,
  });
  return { id, body, signature };
}
