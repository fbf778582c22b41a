import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PostalAddress } from "@/components/postal-address";
import { type AdminOrder, getAdminOrder } from "@/lib/admin/orders";
import { requireAdmin } from "@/lib/admin/require";
import { formatPrice } from "@/lib/money";
import { orderIdSchema } from "@/lib/orders/order-id";
import { type Column, DataTable } from "../../_components/data-table";
import { formatWhen } from "../../_components/format";
import { Panel } from "../../_components/panel";
import { PaymentStatusBadge, StatusBadge } from "../../_components/status-badge";
import { OrderActions } from "./order-actions";
import { PaymentActions } from "./payment-actions";

type Props = { params: Promise<{ id: string }> };
type Item = AdminOrder["items"][number];

const ITEM_COLUMNS: Column<Item>[] = [
  { header: "Product", cell: (i) => i.name },
  { header: "Price", numeric: true, cell: (i) => formatPrice(i.unitPriceCents) },
  { header: "Qty", numeric: true, cell: (i) => i.quantity },
  { header: "Total", numeric: true, cell: (i) => formatPrice(i.unitPriceCents * i.quantity) },
];

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Order #${(await params).id}` };
}

export default async function AdminOrderPage({ params }: Props) {
  await requireAdmin();
  const id = orderIdSchema.safeParse((await params).id);
  const order = id.success ? await getAdminOrder(id.data) : null;
  if (!order) notFound();
  return (
    <>
      <Link href="/admin/orders" className="back">
        ← All orders
      </Link>
      <h1>
        Order #{order.id} <StatusBadge status={order.status} />{" "}
        {order.payment && <PaymentStatusBadge status={order.payment.status} />}
      </h1>
      <p className="admin-lede">
        Placed {formatWhen(order.createdAt)} by {order.email}
        {order.guest && " (guest)"}
      </p>
      <div className="admin-two">
        <div>
          <Panel id="items" title="Items">
            <DataTable
              columns={ITEM_COLUMNS}
              rows={order.items}
              rowKey={(item) => item.productId}
              footer={{ label: "Order total", value: formatPrice(order.totalCents) }}
            />
          </Panel>
          {order.payment && (
            <Panel id="payment" title="Payment">
              <p className="form-note">
                {order.payment.provider === "stripe"
                  ? "Card (Stripe)"
                  : "Manual (bank transfer or on collection)"}
                {order.payment.status === "awaiting" &&
                  `: held until ${formatWhen(order.payment.holdUntil)}, then cancelled if unpaid`}
              </p>
              <PaymentActions
                orderId={order.id}
                provider={order.payment.provider}
                status={order.payment.status}
              />
            </Panel>
          )}
          <Panel id="next" title="Next step">
            <OrderActions orderId={order.id} moves={order.nextMoves} />
          </Panel>
        </div>
        <div>
          <Panel id="ship" title="Ship to">
            <PostalAddress address={order.shipTo} />
          </Panel>
          <Panel id="timeline" title="Timeline">
            <ol className="event-log">
              {order.timeline.map((event) => (
                <li key={event.id}>
                  <StatusBadge status={event.status} />
                  <span>by {event.actor.replace(/^staff:/, "")}</span>
                  <span className="when">{formatWhen(event.at)}</span>
                </li>
              ))}
            </ol>
          </Panel>
        </div>
      </div>
    </>
  );
}
