import type { OrderEventKind, OrderStatus } from "@/lib/orders/status";
import type { PaymentStatus } from "@/lib/payment";

const STEPS = ["placed", "packed", "shipped", "delivered"] as const;
// With a payment (decision 032) the order is paid before it is packed.
const PAID_STEPS = ["placed", "paid", "packed", "shipped", "delivered"] as const;
const LABEL: Record<OrderEventKind, string> = {
  placed: "Placed",
  paid: "Paid",
  packed: "Packed",
  shipped: "Shipped",
  delivered: "Delivered",
  cancelled: "Cancelled",
  payment_failed: "Payment failed",
  payment_expired: "Payment expired",
  payment_cancelled: "Payment cancelled",
  refunded: "Refunded",
};
const STOP: ReadonlySet<OrderEventKind> = new Set([
  "cancelled",
  "payment_failed",
  "payment_expired",
  "payment_cancelled",
  "refunded",
]);
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/**
 * Placed → (paid →) packed → shipped → delivered, each with its time once reached. An order that
 * left that path (cancelled, payment expired or failed, refunded) shows what happened, in order.
 */
export function OrderTimeline({
  status,
  paymentStatus,
  events,
}: {
  status: OrderStatus;
  paymentStatus: PaymentStatus | null;
  events: { status: OrderEventKind; at: Date }[];
}) {
  const reachedAt = new Map(events.map((e) => [e.status, e.at]));
  const offPath = events.some((e) => STOP.has(e.status));
  let steps: OrderEventKind[];
  let currentIndex: number;
  if (offPath) {
    steps = [...new Set(events.map((e) => e.status))];
    currentIndex = steps.length - 1;
  } else {
    steps = paymentStatus ? [...PAID_STEPS] : [...STEPS];
    currentIndex = Math.max(steps.indexOf(status), paymentStatus === "paid" ? steps.indexOf("paid") : 0);
  }
  return (
    <ol className="timeline" aria-label="Order status">
      {steps.map((step, i) => {
        const state = i < currentIndex ? "done" : i === currentIndex ? "current" : "todo";
        const at = reachedAt.get(step);
        const waiting = step === "paid" && paymentStatus === "awaiting" ? "Awaiting payment" : "Not yet";
        return (
          <li
            key={step}
            className={`timeline-step is-${state} ${STOP.has(step) ? "is-cancelled" : ""}`}
            aria-current={state === "current" ? "step" : undefined}
          >
            <span className="timeline-dot" aria-hidden="true" />
            <span className="timeline-label">{LABEL[step]}</span>
            <span className="timeline-time">{at ? when.format(at) : state === "todo" ? waiting : ""}</span>
          </li>
        );
      })}
    </ol>
  );
}

export function StatusBadge({ status }: { status: OrderStatus }) {
  return <span className={`status-badge status-${status}`}>{LABEL[status]}</span>;
}

const PAYMENT_LABEL: Record<PaymentStatus, string> = {
  awaiting: "Awaiting payment",
  paid: "Paid",
  failed: "Payment failed",
  expired: "Payment expired",
  cancelled: "Payment cancelled",
  refunded: "Refunded",
};

export function PaymentBadge({ status }: { status: PaymentStatus }) {
  return <span className={`status-badge payment-${status}`}>{PAYMENT_LABEL[status]}</span>;
}
