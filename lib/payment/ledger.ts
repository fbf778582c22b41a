import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import {
  notifications,
  type OrderStatus,
  orderEvents,
  type PaymentEvent,
  type PaymentProviderName,
  type PaymentStatus,
} from "@/db/schema";
import { enqueueMail } from "../mail/outbox";
import { cancelReturningStock } from "../orders/stock";
import { paymentMail } from "./mails";

/**
 * The payment state machine (docs/decisions/032), applied inside the caller's transaction after
 * `lockOrder`: awaiting → paid → refunded, or awaiting → failed / expired / cancelled. Leaving
 * "awaiting" for a closed state cancels the order and gives its stock back, once. Every function
 * is safe to call twice: it looks at the locked state and does nothing when there is nothing to do.
 */
export type LockedOrder = {
  orderId: number;
  status: OrderStatus;
  userId: number | null;
  guestEmail: string | null;
  /** The shopper's address: the account's, or the guest's. */
  email: string;
  payment: {
    provider: PaymentProviderName;
    status: PaymentStatus;
    amountCents: number;
    reference: string | null;
    chargeReference: string | null;
    holdUntil: Date;
  } | null;
};

/**
 * Takes the order's row lock (every payment writer does, first) and reads order and payment. Two
 * statements: after waiting for the lock, a single `select … join payments … for update of o`
 * re-reads only the order row and keeps the payment row of its own snapshot, so a writer that
 * waited on another (two staff refunding at once) saw the payment as it was before, "paid", and
 * refunded it a second time. The read after the lock has a snapshot that includes the other's commit.
 */
export async function lockOrder(tx: Queryable, orderId: number): Promise<LockedOrder | null> {
  await tx.execute(sql`select id from orders where id = ${orderId} for update`);
  const found = await tx.execute<{
    status: OrderStatus;
    user_id: number | null;
    guest_email: string | null;
    email: string;
    provider: PaymentProviderName | null;
    payment_status: PaymentStatus | null;
    amount_cents: number | null;
    reference: string | null;
    charge_reference: string | null;
    hold_until: Date | string | null;
  }>(sql`
    select o.status, o.user_id, o.guest_email, coalesce(u.email, o.guest_email) as email, p.provider,
      p.status as payment_status, p.amount_cents, p.reference, p.charge_reference, p.hold_until
    from orders o left join payments p on p.order_id = o.id left join users u on u.id = o.user_id
    where o.id = ${orderId} for update of o`);
  const r = found.rows[0];
  if (!r) return null;
  return {
    orderId,
    status: r.status,
    userId: r.user_id,
    guestEmail: r.guest_email,
    email: r.email,
    payment:
      r.provider && r.payment_status
        ? {
            provider: r.provider,
            status: r.payment_status,
            amountCents: Number(r.amount_cents),
            reference: r.reference,
            chargeReference: r.charge_reference,
            holdUntil: new Date(r.hold_until!),
          }
        : null,
  };
}

export type PaidResult = "paid" | "already-paid" | "closed" | "no-payment";

/** awaiting → paid. A closed payment stays closed ("closed": the caller must give the money back). */
export async function recordPaid(
  tx: Queryable,
  order: LockedOrder,
  input: { actor: string; chargeReference?: string | null; now: Date },
): Promise<PaidResult> {
  const p = order.payment;
  if (!p) return "no-payment";
  if (p.status === "paid" || p.status === "refunded") return "already-paid";
  if (p.status !== "awaiting") return "closed";
  await tx.execute(sql`
    update payments set status = 'paid', paid_at = ${input.now}, updated_at = ${input.now},
      charge_reference = coalesce(${input.chargeReference ?? null}, charge_reference)
    where order_id = ${order.orderId}`);
  await timeline(tx, order, "paid", input.actor, input.now);
  return "paid";
}

/** awaiting → failed / expired / cancelled, and the order cancelled with its stock back. */
export async function recordClosed(
  tx: Queryable,
  order: LockedOrder,
  input: { to: "failed" | "expired" | "cancelled"; actor: string; now: Date; cancelOrder?: boolean },
): Promise<boolean> {
  if (order.payment?.status !== "awaiting") return false;
  await tx.execute(sql`
    update payments set status = ${input.to}, closed_at = ${input.now}, updated_at = ${input.now}
    where order_id = ${order.orderId}`);
  await timeline(tx, order, `payment_${input.to}`, input.actor, input.now);
  if (input.cancelOrder !== false && (await cancelReturningStock(tx, order.orderId, input.now))) {
    await timeline(tx, order, "cancelled", input.actor, input.now);
  }
  return true;
}

/** paid → refunded; an order not yet shipped is cancelled and its stock returned. */
export async function recordRefunded(
  tx: Queryable,
  order: LockedOrder,
  input: { actor: string; now: Date },
): Promise<boolean> {
  if (order.payment?.status !== "paid") return false;
  await tx.execute(sql`
    update payments set status = 'refunded', closed_at = ${input.now}, updated_at = ${input.now}
    where order_id = ${order.orderId}`);
  await timeline(tx, order, "refunded", input.actor, input.now);
  if (await cancelReturningStock(tx, order.orderId, input.now)) {
    await timeline(tx, order, "cancelled", input.actor, input.now);
  }
  return true;
}

const SHOPPER_MESSAGE: Record<Exclude<PaymentEvent, "payment_cancelled">, (id: number) => string> = {
  paid: (id) => `Payment received for order #${id}. We'll pack it now.`,
  payment_failed: (id) => `The payment for order #${id} failed, so the order is cancelled.`,
  payment_expired: (id) => `Order #${id} was not paid in time, so it is cancelled.`,
  refunded: (id) => `Order #${id} has been refunded in full.`,
};

/**
 * The timeline entry, the mail and, for an account's order, the in-app notice: all commit with the
 * change, or none does.
 */
async function timeline(
  tx: Queryable,
  order: LockedOrder,
  kind: PaymentEvent | "cancelled",
  actor: string,
  now: Date,
): Promise<void> {
  await tx.insert(orderEvents).values({ orderId: order.orderId, status: kind, actor, createdAt: now });
  // One notice per change: the cancel that follows a closed payment says nothing new, and a staff
  // cancel (which closes the payment) sends its own.
  if (kind === "cancelled" || kind === "payment_cancelled") return;
  await enqueueMail(tx, { to: order.email, ...paymentMail(kind, order.orderId, order.userId === null) });
  if (order.userId !== null) {
    await tx.insert(notifications).values({
      userId: order.userId,
      orderId: order.orderId,
      message: SHOPPER_MESSAGE[kind](order.orderId),
      createdAt: now,
    });
  }
}
