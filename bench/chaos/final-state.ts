import { sql } from "../../e2e/harness/database";
import type { DbOrder, FinalDatabase } from "./checker";
import type { CartState } from "./history";
import type { PaymentRow } from "./payment-check";

/** The database at the end, read directly (not through the pooler or the fault proxy). */
export async function readFinalDatabase(url: string): Promise<FinalDatabase> {
  const orders = await sql<{ id: number; key: string; email: string; total: number; status: string }>(
    url,
    `select o.id, o.idempotency_key as key, u.email, o.total_cents as total, o.status
     from orders o join users u on u.id = o.user_id`,
  );
  const items = await sql<{ order_id: number; product_id: number; quantity: number }>(
    url,
    "select order_id, product_id, quantity from order_items",
  );
  const lines = new Map<number, CartState>();
  for (const i of items) {
    const l = lines.get(i.order_id) ?? {};
    l[i.product_id] = (l[i.product_id] ?? 0) + i.quantity;
    lines.set(i.order_id, l);
  }
  const cartRows = await sql<{ email: string; product_id: number; quantity: number }>(
    url,
    `select u.email, ci.product_id, ci.quantity from carts c join users u on u.id = c.user_id
     join cart_items ci on ci.cart_id = c.id`,
  );
  const userCarts = new Map<string, CartState>();
  for (const r of cartRows) {
    const c = userCarts.get(r.email) ?? {};
    c[r.product_id] = r.quantity;
    userCarts.set(r.email, c);
  }
  const dbOrders: DbOrder[] = orders.map((o) => ({
    id: o.id,
    key: o.key,
    email: o.email,
    totalCents: o.total,
    status: o.status,
    lines: lines.get(o.id) ?? {},
  }));
  return { orders: dbOrders, userCarts };
}

/** Stock can never have gone below zero if the check constraint is there and validated. */
export async function stockConstraintHolds(url: string): Promise<boolean> {
  const rows = await sql<{ ok: boolean }>(
    url,
    `select convalidated as ok from pg_constraint where conname = 'products_stock_non_negative'`,
  );
  const [low] = await sql<{ n: number }>(url, "select count(*)::int as n from products where stock < 0");
  return rows[0]?.ok === true && low?.n === 0;
}

/** Every order's payment state and how many timeline entries of each kind it has. */
export async function readPayments(url: string): Promise<PaymentRow[]> {
  const rows = await sql<{ id: number; status: string; payment: string | null }>(
    url,
    "select o.id, o.status, p.status as payment from orders o left join payments p on p.order_id = o.id",
  );
  const events = await sql<{ order_id: number; status: string; n: number }>(
    url,
    "select order_id, status, count(*)::int as n from order_events group by order_id, status",
  );
  const byOrder = new Map<number, Record<string, number>>();
  for (const e of events) {
    const m = byOrder.get(e.order_id) ?? {};
    m[e.status] = e.n;
    byOrder.set(e.order_id, m);
  }
  return rows.map((r) => ({
    orderId: r.id,
    orderStatus: r.status,
    paymentStatus: r.payment,
    events: byOrder.get(r.id) ?? {},
  }));
}
