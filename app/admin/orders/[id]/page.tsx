import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getAdminOrder } from "@/lib/admin/orders";
import { requireAdmin } from "@/lib/admin/require";
import { formatPrice } from "@/lib/money";
import { orderIdSchema } from "@/lib/orders/status";
import { formatWhen } from "../../_components/format";
import { StatusBadge } from "../../_components/status-badge";
import { OrderActions } from "./order-actions";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Order #${(await params).id}` };
}

export default async function AdminOrderPage({ params }: Props) {
  await requireAdmin();
  const id = orderIdSchema.safeParse((await params).id);
  const order = id.success ? await getAdminOrder(id.data) : null;
  if (!order) notFound();
  const { shipTo } = order;
  return (
    <>
      <Link href="/admin/orders" className="back">
        ← All orders
      </Link>
      <h1>
        Order #{order.id} <StatusBadge status={order.status} />
      </h1>
      <p className="admin-lede">
        Placed {formatWhen(order.createdAt)} by {order.email}
      </p>
      <div className="admin-two">
        <div>
          <section className="panel" aria-labelledby="items-heading">
            <h2 id="items-heading">Items</h2>
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col" className="num">
                    Price
                  </th>
                  <th scope="col" className="num">
                    Qty
                  </th>
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {order.items.map((item) => (
                  <tr key={item.productId}>
                    <td>{item.name}</td>
                    <td className="num">{formatPrice(item.unitPriceCents)}</td>
                    <td className="num">{item.quantity}</td>
                    <td className="num">{formatPrice(item.unitPriceCents * item.quantity)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td colSpan={3}>Order total</td>
                  <td className="num">{formatPrice(order.totalCents)}</td>
                </tr>
              </tfoot>
            </table>
          </section>
          <section className="panel" aria-labelledby="next-heading">
            <h2 id="next-heading">Next step</h2>
            <OrderActions orderId={order.id} moves={order.nextMoves} />
          </section>
        </div>
        <div>
          <section className="panel" aria-labelledby="ship-heading">
            <h2 id="ship-heading">Ship to</h2>
            <address>
              {shipTo.fullName}
              <br />
              {shipTo.line1}
              {shipTo.line2 && (
                <>
                  <br />
                  {shipTo.line2}
                </>
              )}
              <br />
              {shipTo.postalCode} {shipTo.city}
              <br />
              {shipTo.country}
            </address>
          </section>
          <section className="panel" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">Timeline</h2>
            <ol className="timeline">
              {order.timeline.map((event) => (
                <li key={event.id}>
                  <StatusBadge status={event.status} />
                  <span>by {event.actor.replace(/^staff:/, "")}</span>
                  <span className="when">{formatWhen(event.at)}</span>
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </>
  );
}
