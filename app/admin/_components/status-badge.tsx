import type { OrderEventKind } from "@/lib/orders/status";
import type { PaymentStatus } from "@/lib/payment";

/** A fulfilment status or timeline entry ("payment_expired" reads "payment expired"). */
export function StatusBadge({ status }: { status: OrderEventKind }) {
  return <span className={`badge badge-${status}`}>{status.replace("_", " ")}</span>;
}

const PAYMENT_LABEL: Record<PaymentStatus, string> = {
  awaiting: "awaiting payment",
  paid: "paid",
  failed: "payment failed",
  expired: "payment expired",
  cancelled: "payment cancelled",
  refunded: "refunded",
};

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  return <span className={`badge badge-payment-${status}`}>{PAYMENT_LABEL[status]}</span>;
}
