import { describe, expect, it } from "vitest";
import type { Entry } from "./history";
import { checkPayments, type PaymentRow } from "./payment-check";

// The payment checks must catch what they claim to: a clean history and database, then the same
// with one defect planted each time. Pure: no server, no database.
let t = 0;
function delivery(
  orderId: number,
  kind: "completed" | "pi-succeeded" | "expired",
  status: number,
  delivery: 1 | 2 = 1,
): Entry {
  t += 100;
  return {
    client: -3,
    email: null,
    op: { f: "webhook", eventId: `evt_${orderId}_${kind}`, kind, orderId, delivery, attempt: 0 },
    at: t,
    ms: 10,
    target: "x",
    status,
    outcome: status >= 200 && status < 300 ? "ok" : status >= 400 && status < 500 ? "fail" : "unknown",
  };
}
const row = (
  orderId: number,
  orderStatus: string,
  paymentStatus: string | null,
  events = {},
): PaymentRow => ({
  orderId,
  orderStatus,
  paymentStatus,
  events: { placed: 1, ...events },
});

// Order 1 paid (its event delivered twice), 2 expired, 3 expired then paid late (refunded), 4 untouched.
const history = () => [
  delivery(1, "completed", 200),
  delivery(1, "completed", 200, 2),
  delivery(2, "expired", 503),
  delivery(2, "expired", 200),
  delivery(3, "expired", 200),
  delivery(3, "completed", 200),
];
const rows = () => [
  row(1, "placed", "paid", { paid: 1 }),
  row(2, "cancelled", "expired", { payment_expired: 1, cancelled: 1 }),
  row(3, "cancelled", "refunded", { payment_expired: 1, cancelled: 1, refunded: 1 }),
  row(4, "placed", "awaiting"),
];
const refunds = () => [{ orderId: 3 }];
const failed = (v: ReturnType<typeof checkPayments>) =>
  Object.entries(v.checks)
    .filter(([, ok]) => !ok)
    .map(([k]) => k);

describe("the chaos run's payment checks", () => {
  it("pass a history and a database that agree", () => {
    const v = checkPayments(history(), rows(), refunds());
    expect(failed(v)).toEqual([]);
    expect(v.counts).toMatchObject({ paid: 1, refunded: 1, expiredOrCancelled: 1, webhookDeliveries: 6 });
  });

  it("catch an order paid twice, and a second refund", () => {
    const twice = rows().map((r) => (r.orderId === 1 ? { ...r, events: { ...r.events, paid: 2 } } : r));
    expect(failed(checkPayments(history(), twice, refunds()))).toEqual(["everyPaidOrderPaidExactlyOnce"]);
    expect(failed(checkPayments(history(), rows(), [...refunds(), { orderId: 3 }]))).toEqual([
      "everyPaidOrderPaidExactlyOnce",
    ]);
  });

  it("catch an order paid with no payment event sent for it", () => {
    const paid = rows().map((r) => (r.orderId === 4 ? row(4, "placed", "paid", { paid: 1 }) : r));
    expect(failed(checkPayments(history(), paid, refunds()))).toEqual([
      "noOrderPaidWithoutASuccessfulPaymentEvent",
    ]);
  });

  it("catch an acknowledged payment or expiry that did not hold", () => {
    const lost = rows().map((r) => (r.orderId === 1 ? row(1, "placed", "awaiting") : r));
    expect(failed(checkPayments(history(), lost, refunds()))).toEqual(["acknowledgedPaymentEventsHeld"]);
    const notExpired = rows().map((r) => (r.orderId === 2 ? row(2, "placed", "awaiting") : r));
    expect(failed(checkPayments(history(), notExpired, refunds()))).toEqual([
      "acknowledgedPaymentEventsHeld",
    ]);
  });

  it("catch stock and payment disagreeing: a closed payment on a live order, a double cancel, a refund unmade", () => {
    const live = rows().map((r) => (r.orderId === 2 ? { ...r, orderStatus: "placed" } : r));
    expect(failed(checkPayments(history(), live, refunds()))).toEqual(["stockAndPaymentStatesAgree"]);
    const twice = rows().map((r) => (r.orderId === 2 ? { ...r, events: { ...r.events, cancelled: 2 } } : r));
    expect(failed(checkPayments(history(), twice, refunds()))).toEqual(["stockAndPaymentStatesAgree"]);
    expect(failed(checkPayments(history(), rows(), []))).toEqual(["stockAndPaymentStatesAgree"]);
  });

  it("do not take an unanswered delivery for an acknowledged one", () => {
    const unanswered = [delivery(5, "completed", 0), delivery(5, "completed", 503)];
    const v = checkPayments(unanswered, [row(5, "placed", "awaiting")], []);
    expect(failed(v)).toEqual([]);
  });
});
