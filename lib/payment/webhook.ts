import { sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { Queryable } from "@/db/client";
import { withDb } from "../database";
import { env } from "../env";
import { AppError } from "../errors";
import { log } from "../log";
import { paymentProvider } from ".";
import { lockOrder, recordClosed, recordPaid, recordRefunded } from "./ledger";
import { idOf } from "./stripe";
import { createStripeApi } from "./stripe-api";

export type WebhookOutcome =
  | "paid"
  | "failed"
  | "expired"
  | "duplicate"
  | "no-change"
  | "ignored"
  | "unknown-order"
  | "mismatch"
  | "refunded-late-payment";

/**
 * A Stripe webhook delivery (docs/decisions/032). The signature is checked over the raw body; the
 * event id is recorded in the same transaction as the change it causes, so a redelivery, a replay
 * or the same event delivered twice at once changes the order once (the second insert waits for
 * the first to commit, then finds the id). Events may come in any order: each one only moves the
 * payment forward from where it stands. The caller answers 2xx only after this has committed.
 */
export async function handleStripeWebhook(
  rawBody: string,
  signature: string | null,
): Promise<WebhookOutcome> {
  const event = verify(rawBody, signature);
  const target = targetOf(event);
  const apply = () => withDb((db) => db.transaction((tx) => applyEvent(tx, event, target)));
  let outcome = await apply();
  if (outcome === "late-payment" && target.orderId !== null) {
    // Paid after the order was closed (its stock already back on sale): give the money back, then
    // record both. The refund is idempotent per order, so a redelivery after a failure is safe.
    await paymentProvider().refund({
      orderId: target.orderId,
      chargeReference: target.chargeReference,
      amountCents: target.amountCents ?? 0,
    });
    outcome = await withDb((db) => db.transaction((tx) => applyEvent(tx, event, target, { refunded: true })));
  }
  log.info("stripe webhook", { eventId: event.id, type: event.type, orderId: target.orderId, outcome });
  return outcome as WebhookOutcome;
}

function verify(rawBody: string, signature: string | null): Stripe.Event {
  const e = env();
  if (!e.STRIPE_SECRET_KEY || !e.STRIPE_WEBHOOK_SECRET) {
    throw new AppError("NOT_FOUND", "Card payments are not configured on this shop.");
  }
  if (!signature) throw new AppError("BAD_INPUT", "Missing Stripe-Signature header.");
  try {
    return createStripeApi({ secretKey: e.STRIPE_SECRET_KEY }).verifyWebhook(
      rawBody,
      signature,
      e.STRIPE_WEBHOOK_SECRET,
    );
  } catch {
    throw new AppError("BAD_INPUT", "The Stripe signature does not match this body (or is too old).");
  }
}

type Kind = "paid" | "failed" | "expired" | null;
type Target = {
  kind: Kind;
  orderId: number | null;
  sessionId: string | null;
  chargeReference: string | null;
  amountCents: number | null;
  currency: string | null;
};

/** What an event means for which order; events we do not act on are recorded and ignored. */
function targetOf(event: Stripe.Event): Target {
  const none: Target = {
    kind: null,
    orderId: null,
    sessionId: null,
    chargeReference: null,
    amountCents: null,
    currency: null,
  };
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired": {
      const s = event.data.object;
      const kind: Kind =
        event.type === "checkout.session.expired"
          ? "expired"
          : event.type === "checkout.session.async_payment_failed"
            ? "failed"
            : s.payment_status === "unpaid"
              ? null // completed with an async method still settling: its own event follows
              : "paid";
      return {
        kind,
        orderId: orderIdOf(s.metadata?.orderId ?? s.client_reference_id),
        sessionId: s.id,
        chargeReference: idOf(s.payment_intent),
        amountCents: s.amount_total ?? null,
        currency: s.currency ?? null,
      };
    }
    case "payment_intent.succeeded": {
      const pi = event.data.object;
      return {
        kind: "paid",
        orderId: orderIdOf(pi.metadata?.orderId),
        sessionId: null,
        chargeReference: pi.id,
        amountCents: pi.amount_received ?? pi.amount,
        currency: pi.currency,
      };
    }
    default:
      return none;
  }
}

function orderIdOf(value: string | null | undefined): number | null {
  return value && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2_147_483_647 ? Number(value) : null;
}

async function applyEvent(
  tx: Queryable,
  event: Stripe.Event,
  target: Target,
  options: { refunded?: boolean } = {},
): Promise<WebhookOutcome | "late-payment"> {
  const claimed = await tx.execute(sql`
    insert into payment_webhook_events (event_id, provider, type, order_id, outcome)
    values (${event.id}, 'stripe', ${event.type}, ${target.orderId}, 'pending')
    on conflict (event_id) do nothing returning event_id`);
  if (claimed.rows.length === 0) return "duplicate";
  const outcome = await decide(tx, target, options);
  if (outcome === "late-payment") {
    // Nothing changed yet: forget the id, so that if the refund fails Stripe's redelivery tries again.
    await tx.execute(sql`delete from payment_webhook_events where event_id = ${event.id}`);
    return outcome;
  }
  await tx.execute(sql`update payment_webhook_events set outcome = ${outcome} where event_id = ${event.id}`);
  return outcome;
}

async function decide(
  tx: Queryable,
  target: Target,
  options: { refunded?: boolean },
): Promise<WebhookOutcome | "late-payment"> {
  if (target.kind === null) return "ignored";
  if (target.orderId === null) return "unknown-order";
  const order = await lockOrder(tx, target.orderId);
  const p = order?.payment;
  if (!order || !p || p.provider !== "stripe") return "unknown-order";
  // A session of ours for another order, or an old one: never let it move this order.
  if (target.sessionId && p.reference && target.sessionId !== p.reference) return "mismatch";
  const now = new Date();
  if (target.kind === "paid") {
    if (target.amountCents !== p.amountCents || (target.currency && target.currency !== "gbp")) {
      log.error("stripe payment amount differs from the order total; not marked paid", {
        orderId: order.orderId,
        expected: p.amountCents,
        got: target.amountCents,
      });
      return "mismatch";
    }
    const result = await recordPaid(tx, order, {
      actor: "stripe",
      now,
      chargeReference: target.chargeReference,
    });
    if (result === "paid") return "paid";
    if (result !== "closed") return "no-change";
    if (!options.refunded) return "late-payment";
    // Record the payment that arrived late and the refund that answered it.
    await tx.execute(
      sql`update payments set status = 'paid', charge_reference = ${target.chargeReference} where order_id = ${order.orderId}`,
    );
    await recordRefunded(tx, { ...order, payment: { ...p, status: "paid" } }, { actor: "stripe", now });
    return "refunded-late-payment";
  }
  const closed = await recordClosed(tx, order, { to: target.kind, actor: "stripe", now });
  return closed ? target.kind : "no-change";
}
