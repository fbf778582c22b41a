import type { Metadata } from "next";
import Link from "next/link";
import { PaymentBadge, StatusBadge } from "@/components/order-timeline";
import { formatPrice } from "@/lib/money";
import { listMyOrders } from "@/lib/orders/queries";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Your orders" };
const date = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

export default async function OrdersPage() {
  const user = await requireUser({ redirectTo: "/orders" });
  const orders = await listMyOrders(user.userId);
  return (
    <section aria-labelledby="orders-heading">
      <h1 id="orders-heading">Your orders</h1>
      {orders.length === 0 ? (
        <div className="empty-state">
          <p>You have not placed an order yet.</p>
          <Link href="/" className="button button-primary">
            Browse products
          </Link>
        </div>
      ) : (
        <ul className="order-list">
          {orders.map((o) => (
            <li key={o.id}>
              <Link href={`/orders/${o.id}`} className="order-row">
                <span className="order-row-id">Order #{o.id}</span>
                <span className="muted">{date.format(o.createdAt)}</span>
                <span className="muted">
                  {o.itemCount} {o.itemCount === 1 ? "item" : "items"}
                </span>
                <span>{formatPrice(o.totalCents)}</span>
                <span className="order-badges">
                  <StatusBadge status={o.status} />
                  {o.paymentStatus && o.paymentStatus !== "paid" && <PaymentBadge status={o.paymentStatus} />}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
