import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { countOrdersByStatus, listOrders } from "@/lib/admin/orders";
import { requireAdmin } from "@/lib/admin/require";
import { ORDER_STATUSES } from "@/lib/orders/status";
import { formatCount } from "../_components/format";
import { OrdersTable } from "../_components/orders-table";

export const metadata: Metadata = { title: "Orders" };

const LIMIT = 100;
// An unknown ?status= shows all orders rather than an error: it is only a filter.
const filterSchema = z.object({ status: z.enum(ORDER_STATUSES).optional().catch(undefined) });

export default async function OrdersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  await requireAdmin();
  const { status } = filterSchema.parse(await searchParams);
  const [orders, counts] = await Promise.all([listOrders({ status, limit: LIMIT }), countOrdersByStatus()]);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const filters = [
    { label: "All", href: "/admin/orders", active: !status, count: total },
    ...ORDER_STATUSES.map((s) => ({
      label: s[0]!.toUpperCase() + s.slice(1),
      href: `/admin/orders?status=${s}`,
      active: status === s,
      count: counts[s],
    })),
  ];
  return (
    <>
      <h1>Orders</h1>
      <p className="admin-lede">Newest first. Open an order to move it along or cancel it.</p>
      <nav aria-label="Filter by status">
        <ul className="filters">
          {filters.map((f) => (
            <li key={f.href}>
              <Link href={f.href} aria-current={f.active ? "page" : undefined}>
                {f.label}
                <span className="count">{formatCount(f.count)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section className="panel" aria-label={status ? `${status} orders` : "All orders"}>
        {orders.length === 0 ? (
          <p className="empty">{status ? `No ${status} orders.` : "No orders yet."}</p>
        ) : (
          <OrdersTable orders={orders} />
        )}
        {orders.length === LIMIT && <p className="muted">Showing the newest {LIMIT}.</p>}
      </section>
    </>
  );
}
