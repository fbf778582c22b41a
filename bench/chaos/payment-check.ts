import type { Entry } from "./history";
import { SUCCESS_KINDS } from "./payments";

/**
 * The payment checks (issue 21 in the chaos run): read the webhook deliveries in the history, the
 * orders' payment states and timelines at the end, and the refunds the Stripe stand-in made.
 * Pure, like checker.ts.
 */
export type PaymentRow = {
  orderId: number;
  orderStatus: string;
  /** null: the order has no payment row. */
  paymentStatus: string | null;
  /** Timeline entries per kind ("paid", "refunded", "cancelled", …). */
  events: Record<string, number>;
};

export type PaymentVerdict = {
  checks: Record<string, boolean>;
  violations: { check: string; client: number; at: number; detail: string }[];
  counts: {
    ordersWithPaymentEvents: number;
    webhookDeliveries: number;
    webhookDeliveriesAcknowledged: number;
    paid: number;
    refunded: number;
    expiredOrCancelled: number;
    refundsAtStripe: number;
  };
};

const CLOSED = new Set(["expired", "failed", "cancelled", "refunded"]);

export function checkPayments(
  entries: Entry[],
  rows: PaymentRow[],
  refundsAtStripe: { orderId: number }[],
): PaymentVerdict {
  const violations: PaymentVerdict["violations"] = [];
  const flag = (check: string, detail: string, e?: Entry) =>
    violations.push({ check, client: e?.client ?? -3, at: e?.at ?? 0, detail });
  const sent = new Map<number, { success: boolean; ackedSuccess?: Entry; ackedExpiry?: Entry }>();
  let deliveries = 0;
  let acknowledged = 0;
  for (const e of entries) {
    if (e.op.f !== "webhook") continue;
    deliveries++;
    const s = sent.get(e.op.orderId) ?? { success: false };
    const success = SUCCESS_KINDS.includes(e.op.kind);
    if (success) s.success = true;
    if (e.outcome === "ok") {
      acknowledged++;
      if (success) s.ackedSuccess ??= e;
      else s.ackedExpiry ??= e;
    }
    sent.set(e.op.orderId, s);
  }
  const refunds = new Map<number, number>();
  for (const r of refundsAtStripe) refunds.set(r.orderId, (refunds.get(r.orderId) ?? 0) + 1);
  const counts: PaymentVerdict["counts"] = {
    ordersWithPaymentEvents: sent.size,
    webhookDeliveries: deliveries,
    webhookDeliveriesAcknowledged: acknowledged,
    paid: 0,
    refunded: 0,
    expiredOrCancelled: 0,
    refundsAtStripe: refundsAtStripe.length,
  };

  const byOrder = new Map(rows.map((r) => [r.orderId, r]));
  for (const r of rows) {
    const n = (kind: string) => r.events[kind] ?? 0;
    const p = r.paymentStatus;
    if (p === "paid") counts.paid++;
    if (p === "refunded") counts.refunded++;
    if (p && CLOSED.has(p) && p !== "refunded") counts.expiredOrCancelled++;
    const what = `order ${r.orderId} (order ${r.orderStatus}, payment ${p ?? "none"})`;
    // Paid exactly once: one "paid" entry at most, one refund at most (at Stripe and in the books).
    if (n("paid") > 1 || n("refunded") > 1 || (refunds.get(r.orderId) ?? 0) > 1)
      flag(
        "everyPaidOrderPaidExactlyOnce",
        `${what}: ${n("paid")} paid, ${n("refunded")} refunded, ${refunds.get(r.orderId) ?? 0} refunds at Stripe`,
      );
    if (p === "paid" && n("paid") !== 1)
      flag("everyPaidOrderPaidExactlyOnce", `${what} has ${n("paid")} "paid" entries`);
    // Paid only by a payment: a successful event for this very order was sent.
    if ((p === "paid" || p === "refunded" || n("paid") > 0) && !sent.get(r.orderId)?.success)
      flag("noOrderPaidWithoutASuccessfulPaymentEvent", what);
    // What Stripe was told is acknowledged held.
    const s = sent.get(r.orderId);
    if (s?.ackedSuccess && p !== "paid" && p !== "refunded")
      flag("acknowledgedPaymentEventsHeld", `${what}: a payment was acknowledged`, s.ackedSuccess);
    if (s?.ackedExpiry && p === "awaiting")
      flag("acknowledgedPaymentEventsHeld", `${what}: an expiry was acknowledged`, s.ackedExpiry);
    // Stock and payment agree: an order is cancelled (its stock back) exactly when its payment
    // closed without money kept, and its stock came back once; money refunded means a refund made.
    if (p !== null) {
      const closed = CLOSED.has(p);
      if (closed !== (r.orderStatus === "cancelled"))
        flag("stockAndPaymentStatesAgree", `${what}: the order and its payment disagree`);
    }
    if (n("cancelled") > 1) flag("stockAndPaymentStatesAgree", `${what}: cancelled ${n("cancelled")} times`);
    if (p === "refunded" && !refunds.has(r.orderId))
      flag("stockAndPaymentStatesAgree", `${what}: refunded in the books, no refund at Stripe`);
  }
  for (const orderId of refunds.keys()) {
    if (byOrder.get(orderId)?.paymentStatus !== "refunded")
      flag("stockAndPaymentStatesAgree", `a refund at Stripe for order ${orderId}, which is not refunded`);
    if (!sent.get(orderId)?.success)
      flag("noOrderPaidWithoutASuccessfulPaymentEvent", `a refund at Stripe for unpaid order ${orderId}`);
  }
  const names = [
    "everyPaidOrderPaidExactlyOnce",
    "noOrderPaidWithoutASuccessfulPaymentEvent",
    "acknowledgedPaymentEventsHeld",
    "stockAndPaymentStatesAgree",
  ];
  const checks = Object.fromEntries(names.map((n) => [n, !violations.some((v) => v.check === n)]));
  return { checks, violations, counts };
}
