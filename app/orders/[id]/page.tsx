import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OrderTimeline, StatusBadge } from "@/components/order-timeline";
import { PostalAddressBlock } from "@/components/postal-address";
import { formatPrice } from "@/lib/money";
import { orderIdSchema } from "@/lib/orders/order-id";
import { getMyOrder } from "@/lib/orders/queries";
import { requireUser } from "@/lib/session";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ placed?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Order #${(await params).id}` };
}

export default async function OrderPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireUser({ redirectTo: `/orders/${encodeURIComponent(id)}` });
  const orderId = orderIdSchema.safeParse(id);
  if (!orderId.success) notFound();
  const order = await getMyOrder(user.userId, orderId.data).catch((error) => {
    if ((error as { code?: string }).code === "NOT_FOUND") notFound();
    throw error;
  });
  const justPlaced = (await searchParams).placed === "1";
  const ship = order.shipTo;
  return (
    <article aria-labelledby="order-heading" className="stack">
      <Link href="/orders" className="small">
        ← All orders
      </Link>
      <div className="order-head">
        <h1 id="order-heading">Order #{order.id}</h1>
        <StatusBadge status={order.status} />
      </div>
      {justPlaced && (
        <p role="status" className="notice notice-ok">
          Thank you! Your order is placed. We'll notify you as it moves along.
        </p>
      )}
      <section className="panel" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Status</h2>
        <OrderTimeline status={order.status} events={order.events} />
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
          <PostalAddressBlock address={ship} />
        </section>
      </div>
    </article>
  );
}
