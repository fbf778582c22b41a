import Link from "next/link";
import { OrderTimeline, PaymentBadge, StatusBadge } from "@/components/order-timeline";
import { PostalAddress } from "@/components/postal-address";
import { formatPrice } from "@/lib/money";
import type { OrderDetail } from "@/lib/orders/queries";
import { manualPaymentInstructions } from "@/lib/payment/instructions";
import { PayByCardForm } from "./pay-by-card-form";

/**
 * One order as its shopper sees it: from their account, from the guest's own browser, or through
 * the guest order link. `token` is set on that link's page (the pay button needs it to find the order).
 */
export function OrderView({
  order,
  notice,
  payment,
  token,
  back,
}: {
  order: OrderDetail;
  notice?: "placed";
  payment?: string;
  token?: string;
  back?: { href: string; label: string };
}) {
  const p = order.payment;
  return (
    <article aria-labelledby="order-heading" className="stack">
      {back && (
        <Link href={back.href} className="small">
          ← {back.label}
        </Link>
      )}
      <div className="order-head">
        <h1 id="order-heading">Order #{order.id}</h1>
        <div className="order-badges">
          <StatusBadge status={order.status} />
          {p && <PaymentBadge status={p.status} />}
        </div>
      </div>
      {notice === "placed" && (
        <p role="status" className="notice notice-ok">
          Thank you! Your order is placed.{" "}
          {p?.status === "awaiting"
            ? "It is reserved for you until it is paid."
            : "We'll notify you as it moves along."}
          {order.guestEmail && ` We have sent a link to this order to ${order.guestEmail}.`}
        </p>
      )}
      {p?.status === "awaiting" && payment === "returned" && (
        <p role="status" className="notice notice-ok">
          Thank you. Stripe is confirming your payment: this page says “Paid” as soon as it has (reload in a
          moment).
        </p>
      )}
      {p?.status === "awaiting" && payment === "cancelled" && (
        <p role="status" className="notice notice-warn">
          Payment was not completed. Your order is still reserved: you can pay below.
        </p>
      )}
      {p?.status === "awaiting" && (
        <section className="panel" aria-labelledby="pay-heading">
          <h2 id="pay-heading">Payment</h2>
          {p.provider === "manual" ? (
            <p className="payment-instructions">
              {manualPaymentInstructions({
                id: order.id,
                totalCents: order.totalCents,
                holdUntil: p.holdUntil,
              })}
            </p>
          ) : (
            <PayByCardForm orderId={order.id} token={token} totalLabel={formatPrice(order.totalCents)} />
          )}
        </section>
      )}
      <section className="panel" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Status</h2>
        <OrderTimeline status={order.status} paymentStatus={p?.status ?? null} events={order.events} />
      </section>
      <div className="order-columns">
        <section className="panel" aria-labelledby="items-heading">
          <h2 id="items-heading">Items</h2>
          <ul className="summary-lines">
            {order.items.map((item) => (
              <li key={item.productId} className="summary-row">
                <span>
                  {item.quantity} × {item.name}{" "}
                  <span className="muted">({formatPrice(item.unitPriceCents)} each)</span>
                </span>
                <span>{formatPrice(item.lineTotalCents)}</span>
              </li>
            ))}
          </ul>
          <p className="summary-row summary-total">
            <span>Total</span>
            <strong>{formatPrice(order.totalCents)}</strong>
          </p>
        </section>
        <section className="panel" aria-labelledby="ship-heading">
          <h2 id="ship-heading">Shipping to</h2>
          <PostalAddress address={order.shipTo} />
        </section>
      </div>
    </article>
  );
}
