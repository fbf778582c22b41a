// @module-tag pglite
import { sql } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/payments/stripe/webhook/route";
import { mutationRefusal } from "@/lib/http/mutation-guard";
import { stockOf } from "@/test/order-fixtures";
import { assertStockAndMoneyAgree, checkedOutOrder, orderAndPayment } from "@/test/payment-fixtures";
import { StripeStandIn, signedEvent } from "@/test/stripe-stand-in";
import { getDb } from "../database";
import { startPayment } from "./checkout";
import { releaseUnpaidOrders } from "./expire";

// Stripe configured, its API a local stand-in on a free port (set before anything reads the env).
const standIn = new StripeStandIn();
process.env.STRIPE_API_URL = await standIn.start();
process.env.STRIPE_SECRET_KEY = "sk_test_keepcart_webhooks";
const SECRET = "whsec_test_keepcart_webhooks";
process.env.STRIPE_WEBHOOK_SECRET = SECRET;
afterAll(() => standIn.stop());

const deliver = (delivery: { body: string; signature: string }) =>
  POST(
    new Request("http://localhost/api/payments/stripe/webhook", {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": delivery.signature },
      body: delivery.body,
    }),
  );

/** A placed order whose card payment was started: the Checkout Session exists at the stand-in. */
async function orderAtCheckout(lines: Record<string, number> = { headlamp: 2 }) {
  const { orderId } = await checkedOutOrder(lines);
  const url = await startPayment(orderId);
  const { reference } = await orderAndPayment(orderId);
  return { orderId, url, sessionId: reference! };
}

const completed = (sessionId: string, options: { id?: string } = {}) =>
  signedEvent("checkout.session.completed", standIn.complete(sessionId), SECRET, options);

async function outcome(response: Response): Promise<string> {
  expect(response.status).toBe(200);
  return ((await response.json()) as { outcome: string }).outcome;
}

// After every test, whatever it did: no order keeps money for stock given back, or stock for money
// given back (docs/decisions/032).
afterEach(assertStockAndMoneyAgree);

describe("starting a card payment", () => {
  it("makes one Checkout Session per order, with an idempotency key, and reuses it", async () => {
    const { orderId, url, sessionId } = await orderAtCheckout();
    expect(url).toBe(`https://checkout.stripe.test/c/pay/${sessionId}`);
    const session = standIn.sessions.get(sessionId)!;
    expect(session.metadata).toEqual({ orderId: String(orderId) });
    expect(session.amount_total).toBe((await orderAndPayment(orderId)).amount_cents);
    const calls = standIn.requests.filter((r) => r.path === "/v1/checkout/sessions").length;
    expect(await startPayment(orderId)).toBe(url);
    expect(standIn.requests.filter((r) => r.path === "/v1/checkout/sessions")).toHaveLength(calls);
    const create = standIn.requests.find((r) => r.path === "/v1/checkout/sessions");
    expect(create?.idempotencyKey).toBe(`keepcart-order-${orderId}-checkout`);
  });

  it("leaves the order reserved and awaiting when Stripe cannot be reached", async () => {
    const { orderId } = await checkedOutOrder({ "brass-pen": 1 });
    standIn.failing = true;
    try {
      await expect(startPayment(orderId)).rejects.toMatchObject({ code: "UNAVAILABLE" });
    } finally {
      standIn.failing = false;
    }
    expect(await orderAndPayment(orderId)).toMatchObject({
      status: "placed",
      payment: "awaiting",
      reference: null,
    });
  });
});

describe("Stripe webhooks", () => {
  it("marks the order paid from a signed checkout.session.completed, once, however often it is delivered", async () => {
    const { orderId, sessionId } = await orderAtCheckout();
    const stock = await stockOf("headlamp");
    const event = completed(sessionId);
    expect(await outcome(await deliver(event))).toBe("paid");
    expect(await outcome(await deliver(event))).toBe("duplicate");
    expect(await outcome(await deliver(event))).toBe("duplicate");
    const state = await orderAndPayment(orderId);
    expect(state).toMatchObject({ status: "placed", payment: "paid" });
    expect(state.charge_reference).toMatch(/^pi_test_/);
    expect(state.timeline).toEqual(["placed shopper", "paid stripe"]);
    expect(await stockOf("headlamp")).toBe(stock);
  });

  it("answers 400 to a wrong signature, a tampered body, a stale timestamp or no signature, and changes nothing", async () => {
    const { orderId, sessionId } = await orderAtCheckout();
    const good = completed(sessionId);
    const wrongSecret = signedEvent(
      "checkout.session.completed",
      standIn.sessions.get(sessionId),
      "whsec_someone_else",
    );
    const tampered = {
      body: good.body.replace(`"amount_total":`, `"amount_total":1`),
      signature: good.signature,
    };
    const stale = signedEvent("checkout.session.completed", standIn.sessions.get(sessionId), SECRET, {
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    for (const delivery of [wrongSecret, tampered, stale, { body: good.body, signature: "" }]) {
      const response = await deliver(delivery);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("BAD_INPUT");
    }
    expect(await orderAndPayment(orderId)).toMatchObject({ payment: "awaiting" });
    const db = await getDb();
    const seen = await db.execute(sql`select 1 from payment_webhook_events where event_id = ${good.id}`);
    expect(seen.rows).toEqual([]);
    expect(await outcome(await deliver(good))).toBe("paid"); // the genuine one still works afterwards
  });

  it("takes events in any order: expired after completed, and payment_intent before checkout, change nothing more", async () => {
    const { orderId, sessionId } = await orderAtCheckout({ "camp-mug": 3 });
    const stock = await stockOf("camp-mug");
    const session = standIn.complete(sessionId);
    const intent = signedEvent(
      "payment_intent.succeeded",
      {
        id: session.payment_intent,
        object: "payment_intent",
        amount: session.amount_total,
        amount_received: session.amount_total,
        currency: "gbp",
        metadata: { orderId: String(orderId) },
      },
      SECRET,
    );
    expect(await outcome(await deliver(intent))).toBe("paid");
    expect(await outcome(await deliver(signedEvent("checkout.session.completed", session, SECRET)))).toBe(
      "no-change",
    );
    const expiredLate = { ...session, status: "expired" };
    expect(await outcome(await deliver(signedEvent("checkout.session.expired", expiredLate, SECRET)))).toBe(
      "no-change",
    );
    const state = await orderAndPayment(orderId);
    expect(state).toMatchObject({ status: "placed", payment: "paid" });
    expect(state.timeline).toEqual(["placed shopper", "paid stripe"]);
    expect(await stockOf("camp-mug")).toBe(stock);
  });

  it("an expired session cancels the order and gives the stock back exactly once, whatever is redelivered", async () => {
    const { orderId, sessionId } = await orderAtCheckout({ "trail-bottle": 2 });
    const stock = await stockOf("trail-bottle");
    const session = { ...standIn.sessions.get(sessionId)!, status: "expired" };
    const first = signedEvent("checkout.session.expired", session, SECRET);
    expect(await outcome(await deliver(first))).toBe("expired");
    expect(await outcome(await deliver(first))).toBe("duplicate");
    expect(await outcome(await deliver(signedEvent("checkout.session.expired", session, SECRET)))).toBe(
      "no-change",
    );
    expect(await stockOf("trail-bottle")).toBe(stock + 2);
    const state = await orderAndPayment(orderId);
    expect(state).toMatchObject({ status: "cancelled", payment: "expired" });
    expect(state.timeline).toEqual(["placed shopper", "payment_expired stripe", "cancelled stripe"]);
  });

  it("refunds a payment that completes after its order was closed, and records both, once", async () => {
    const { orderId, sessionId } = await orderAtCheckout({ "pocket-knife": 1 });
    const stock = await stockOf("pocket-knife");
    const expired = { ...standIn.sessions.get(sessionId)!, status: "expired" };
    await deliver(signedEvent("checkout.session.expired", expired, SECRET));
    const late = completed(sessionId);
    expect(await outcome(await deliver(late))).toBe("refunded-late-payment");
    expect(await outcome(await deliver(late))).toBe("duplicate");
    expect(standIn.refunds.filter((r) => r.metadata?.orderId === String(orderId))).toHaveLength(1);
    expect(await orderAndPayment(orderId)).toMatchObject({ status: "cancelled", payment: "refunded" });
    expect(await stockOf("pocket-knife")).toBe(stock + 1); // given back once, by the expiry
  });

  it("acknowledges events for unknown orders or other sessions without touching any order", async () => {
    const { orderId, sessionId } = await orderAtCheckout({ "brass-pen": 1 });
    const session = standIn.complete(sessionId);
    const unknown = { ...session, metadata: { orderId: "2147483000" }, client_reference_id: null };
    const noMetadata = { ...session, metadata: {}, client_reference_id: null };
    const otherSession = { ...session, id: "cs_test_not_ours" };
    expect(await outcome(await deliver(signedEvent("checkout.session.completed", unknown, SECRET)))).toBe(
      "unknown-order",
    );
    expect(await outcome(await deliver(signedEvent("checkout.session.completed", noMetadata, SECRET)))).toBe(
      "unknown-order",
    );
    expect(
      await outcome(await deliver(signedEvent("checkout.session.completed", otherSession, SECRET))),
    ).toBe("mismatch");
    expect(
      await outcome(
        await deliver(signedEvent("customer.created", { id: "cus_1", object: "customer" }, SECRET)),
      ),
    ).toBe("ignored");
    const underpaid = { ...session, amount_total: 1 };
    const stderr = vi.mocked(process.stderr.write); // test/setup.ts spies on it; this error line is expected
    expect(await outcome(await deliver(signedEvent("checkout.session.completed", underpaid, SECRET)))).toBe(
      "mismatch",
    );
    const logged = stderr.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('"level":"error"'));
    expect(logged.join("")).toContain("amount differs from the order total");
    stderr.mockClear();
    expect(await orderAndPayment(orderId)).toMatchObject({ payment: "awaiting" });
  });

  it("the same event delivered twice at once changes the order once", async () => {
    const { orderId, sessionId } = await orderAtCheckout({ "felt-desk-mat": 1 });
    const event = completed(sessionId);
    const outcomes = await Promise.all(
      [deliver(event), deliver(event), deliver(event)].map(async (r) => outcome(await r)),
    );
    expect(outcomes.sort()).toEqual(["duplicate", "duplicate", "paid"]);
    expect((await orderAndPayment(orderId)).timeline).toEqual(["placed shopper", "paid stripe"]);
  });

  it("is exempt from the same-origin check (a server-to-server call), and only this path is", () => {
    const post = (path: string) =>
      new Request(`http://shop.test${path}`, {
        method: "POST",
        headers: { origin: "https://stripe.com", host: "shop.test" },
      });
    expect(mutationRefusal(post("/api/payments/stripe/webhook"))).toBeNull();
    expect(mutationRefusal(post("/api/orders"))?.code).toBe("FORBIDDEN");
    expect(mutationRefusal(post("/api/payments/stripe/webhook/other"))?.code).toBe("FORBIDDEN");
  });
});

describe("the hold ending (the prune)", () => {
  it("closes the Checkout Session at Stripe before releasing the stock, once", async () => {
    const { orderId, sessionId } = await orderAtCheckout({ "wool-blanket": 1 });
    const stock = await stockOf("wool-blanket");
    const later = new Date(Date.now() + 2 * 3600_000);
    await releaseUnpaidOrders(await getDb(), later);
    await releaseUnpaidOrders(await getDb(), later);
    expect(standIn.sessions.get(sessionId)!.status).toBe("expired");
    expect(await orderAndPayment(orderId)).toMatchObject({ status: "cancelled", payment: "expired" });
    expect(await stockOf("wool-blanket")).toBe(stock + 1);
  });

  it("records the payment instead when the shopper paid just before the hold ended (webhook not yet here)", async () => {
    const { orderId, sessionId } = await orderAtCheckout({ "linen-apron": 1 });
    const stock = await stockOf("linen-apron");
    standIn.complete(sessionId);
    await releaseUnpaidOrders(await getDb(), new Date(Date.now() + 2 * 3600_000));
    expect(await orderAndPayment(orderId)).toMatchObject({ status: "placed", payment: "paid" });
    expect(await stockOf("linen-apron")).toBe(stock);
  });
});
