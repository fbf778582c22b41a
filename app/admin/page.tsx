import type { Metadata } from "next";
import { getDashboard } from "@/lib/admin/dashboard";
import { listOrders } from "@/lib/admin/orders";
import { requireAdmin } from "@/lib/admin/require";
import { formatPrice } from "@/lib/money";
import { type Column, DataTable } from "./_components/data-table";
import { formatCount } from "./_components/format";
import { OrdersTable } from "./_components/orders-table";
import { Panel } from "./_components/panel";

export const metadata: Metadata = { title: "Dashboard" };

type CartProduct = Awaited<ReturnType<typeof getDashboard>>["carts"]["products"][number];
const CART_COLUMNS: Column<CartProduct>[] = [
  { header: "Product", cell: (p) => p.name },
  { header: "Qty", numeric: true, cell: (p) => formatCount(p.quantity) },
  { header: "Carts", numeric: true, cell: (p) => formatCount(p.carts) },
];

export default async function DashboardPage() {
  await requireAdmin();
  const [d, recent] = await Promise.all([getDashboard(), listOrders({ limit: 5 })]);
  return (
    <>
      <h1>Dashboard</h1>
      <p className="admin-lede">Today and this week in UTC. Orders and revenue leave out cancelled orders.</p>
      <dl className="admin-grid">
        <div className="stat">
          <dt>Orders today</dt>
          <dd>
            {formatCount(d.today.orders)}
            <span className="stat-note">{formatPrice(d.today.revenueCents)} revenue</span>
          </dd>
        </div>
        <div className="stat">
          <dt>Orders this week</dt>
          <dd>
            {formatCount(d.week.orders)}
            <span className="stat-note">{formatPrice(d.week.revenueCents)} revenue</span>
          </dd>
        </div>
        <div className="stat">
          <dt>Active sessions</dt>
          <dd>
            {formatCount(d.sessions.active)}
            <span className="stat-note">
              {formatCount(d.sessions.loggedIn)} logged in · {formatCount(d.sessions.anonymous)} anonymous
            </span>
          </dd>
        </div>
        <div className="stat">
          <dt>Open carts</dt>
          <dd>
            {formatCount(d.carts.open)}
            <span className="stat-note">{formatCount(d.carts.items)} items in them</span>
          </dd>
        </div>
      </dl>
      <div className="admin-two">
        <Panel id="recent" title="Latest orders">
          {recent.length === 0 ? (
            <p className="empty">No orders yet.</p>
          ) : (
            <OrdersTable orders={recent} compact />
          )}
        </Panel>
        <Panel id="carts" title="In open carts">
          {d.carts.products.length === 0 ? (
            <p className="empty">No open carts right now.</p>
          ) : (
            <DataTable columns={CART_COLUMNS} rows={d.carts.products} rowKey={(p) => p.name} />
          )}
        </Panel>
      </div>
    </>
  );
}
