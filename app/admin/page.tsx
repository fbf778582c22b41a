import type { Metadata } from "next";
import Link from "next/link";
import { getDashboard } from "@/lib/admin/dashboard";
import { listOrders } from "@/lib/admin/orders";
import { requireAdmin } from "@/lib/admin/require";
import { formatPrice } from "@/lib/money";
import { formatCount, formatWhen } from "./_components/format";
import { StatusBadge } from "./_components/status-badge";

export const metadata: Metadata = { title: "Dashboard" };

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
        <section className="panel" aria-labelledby="recent-heading">
          <h2 id="recent-heading">Latest orders</h2>
          {recent.length === 0 ? (
            <p className="empty">No orders yet.</p>
          ) : (
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Placed</th>
                  <th scope="col" className="num">
                    Total
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((o) => (
                  <tr key={o.id}>
                    <td>
                      <Link href={`/admin/orders/${o.id}`}>#{o.id}</Link>
                    </td>
                    <td>{o.email}</td>
                    <td className="muted">{formatWhen(o.createdAt)}</td>
                    <td className="num">{formatPrice(o.totalCents)}</td>
                    <td>
                      <StatusBadge status={o.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="panel" aria-labelledby="carts-heading">
          <h2 id="carts-heading">In open carts</h2>
          {d.carts.products.length === 0 ? (
            <p className="empty">No open carts right now.</p>
          ) : (
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col" className="num">
                    Qty
                  </th>
                  <th scope="col" className="num">
                    Carts
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.carts.products.map((p) => (
                  <tr key={p.name}>
                    <td>{p.name}</td>
                    <td className="num">{formatCount(p.quantity)}</td>
                    <td className="num">{formatCount(p.carts)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  );
}
