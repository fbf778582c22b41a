import { z } from "zod";
import type { Queryable } from "@/db/client";
import { recordAudit } from "../admin/audit";
import { withDb } from "../database";
import { AppError } from "../errors";
import { orderIdSchema } from "../orders/order-id";
import { providerFor } from ".";
import { type LockedOrder, lockOrder, recordClosed, recordPaid, recordRefunded } from "./ledger";

/** The admin's payment buttons, from the form or the JSON route. */
export const paymentActionSchema = z.object({
  orderId: orderIdSchema,
  action: z.enum(["mark-paid", "refund"], { error: "Choose mark-paid or refund." }),
});

export type PaymentActionResult = { orderId: number; action: "mark-paid" | "refund" };

/**
 * Staff record that a manual payment has arrived. Card payments are marked paid only by Stripe
 * (its verified webhook), never by hand. Audited with the change.
 */
export async function markPaidByStaff(input: {
  orderId: number;
  actor: string;
}): Promise<PaymentActionResult> {
  const { orderId, actor } = input;
  await withDb((db) =>
    db.transaction(async (tx) => {
      const order = await lockedOrThrow(tx, orderId);
      if (order.payment?.provider !== "manual") {
        throw new AppError("CONFLICT", `Order #${orderId} is paid by card: Stripe marks it paid, not staff.`);
      }
      const now = new Date();
      const result = await recordPaid(tx, order, { actor: `staff:${actor}`, now });
      if (result !== "paid") {
        throw new AppError("CONFLICT", `Order #${orderId} is ${order.payment.status}, not awaiting payment.`);
      }
      await recordAudit(tx, {
        actor,
        action: "payment.mark-paid",
        entity: "order",
        entityId: orderId,
        before: { payment: "awaiting" },
        after: { payment: "paid" },
      });
    }),
  );
  return { orderId, action: "mark-paid" };
}

/**
 * A full refund. The provider refunds first (Stripe: idempotent per order, so a double click or two
 * staff refund once), then the ledger records it and, if the order has not shipped, cancels it and
 * returns its stock. If recording fails after the provider refunded, trying again records it.
 */
export async function refundByStaff(input: { orderId: number; actor: string }): Promise<PaymentActionResult> {
  const { orderId, actor } = input;
  const before = await withDb((db) => db.transaction((tx) => lockedOrThrow(tx, orderId)));
  const payment = before.payment;
  if (payment?.status !== "paid") {
    throw new AppError(
      "CONFLICT",
      `Order #${orderId} is not paid${payment ? ` (${payment.status})` : ""}: nothing to refund.`,
    );
  }
  await providerFor(payment.provider).refund({
    orderId,
    chargeReference: payment.chargeReference,
    amountCents: payment.amountCents,
  });
  await withDb((db) =>
    db.transaction(async (tx) => {
      const order = await lockedOrThrow(tx, orderId);
      const from = order.status;
      if (!(await recordRefunded(tx, order, { actor: `staff:${actor}`, now: new Date() }))) {
        throw new AppError("CONFLICT", `Order #${orderId} was already refunded.`);
      }
      await recordAudit(tx, {
        actor,
        action: "payment.refund",
        entity: "order",
        entityId: orderId,
        before: { payment: "paid", status: from },
        after: { payment: "refunded", amountCents: payment.amountCents },
      });
    }),
  );
  return { orderId, action: "refund" };
}

/**
 * Before staff cancel an order: an unpaid card payment is closed at Stripe first, so the shopper
 * cannot pay an order that is being cancelled (if they just did, that is recorded, and the cancel
 * is then refused as for any paid order).
 */
export async function closePaymentBeforeCancel(orderId: number): Promise<void> {
  const order = await withDb((db) => db.transaction((tx) => lockOrder(tx, orderId)));
  const p = order?.payment;
  if (p?.status !== "awaiting" || !p.reference) return;
  const outcome = await providerFor(p.provider).close(p.reference);
  if (outcome.state !== "paid") return;
  await withDb((db) =>
    db.transaction(async (tx) => {
      const locked = await lockOrder(tx, orderId);
      if (locked)
        await recordPaid(tx, locked, {
          actor: p.provider,
          now: new Date(),
          chargeReference: outcome.chargeReference,
        });
    }),
  );
}

/**
 * Inside the staff cancel's transaction (lib/orders/status.ts): a paid order is refunded, not
 * cancelled (the money would be kept for goods never sent); an unpaid one's payment is cancelled.
 */
export async function paymentOnCancel(tx: Queryable, orderId: number, actor: string): Promise<void> {
  const order = await lockOrder(tx, orderId);
  const status = order?.payment?.status;
  if (status === "paid") {
    throw new AppError("CONFLICT", `Order #${orderId} is paid: refund it instead, which also cancels it.`);
  }
  if (order && status === "awaiting") {
    await recordClosed(tx, order, {
      to: "cancelled",
      actor: `staff:${actor}`,
      now: new Date(),
      cancelOrder: false,
    });
  }
}

/** Inside the staff move to "packed": goods leave the shelf for a paid order only (or one from before payments). */
export async function requirePaidBeforePacking(tx: Queryable, orderId: number): Promise<void> {
  const order = await lockOrder(tx, orderId);
  const status = order?.payment?.status;
  if (status && status !== "paid") {
    throw new AppError(
      "CONFLICT",
      status === "awaiting"
        ? `Order #${orderId} is awaiting payment: mark it paid first.`
        : `Order #${orderId}'s payment is ${status}: it cannot be packed.`,
    );
  }
}

async function lockedOrThrow(tx: Queryable, orderId: number): Promise<LockedOrder> {
  const order = await lockOrder(tx, orderId);
  if (!order) throw new AppError("NOT_FOUND", `There is no order #${orderId}.`);
  return order;
}
