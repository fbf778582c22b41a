import { eq, sql } from "drizzle-orm";
import { type OrderStatus, orders, type PaymentStatus } from "@/db/schema";
import { asDate, withDb } from "../database";
import { type OrderRecord, readOrder } from "../orders/queries";
import { allowedMoves } from "../orders/status";

export type AdminOrderRow = {
  id: number;
  status: OrderStatus;
  /** Null for an order placed before payments existed. */
  paymentStatus: PaymentStatus | null;
  email: string;
  guest: boolean;
  itemCount: number;
  totalCents: number;
  createdAt: Date;
};

/** Newest first, optionally one status. `limit` keeps the page light; the dashboard has the totals. */
export async function listOrders(
  filter: { status?: OrderStatus; limit?: number } = {},
): Promise<AdminOrderRow[]> {
  const where = filter.status ? sql`where o.status = ${filter.status}` : sql``;
  const result = await withDb((db) =>
    db.execute<{
      id: number;
      status: OrderStatus;
      payment_status: PaymentStatus | null;
      email: string;
      guest: boolean;
      item_count: number;
      total_cents: number;
      created_at: Date | string;
    }>(sql`
      select o.id, o.status, p.status as payment_status, coalesce(u.email, o.guest_email) as email,
        o.user_id is null as guest, o.total_cents, o.created_at,
        (select coalesce(sum(oi.quantity), 0)::int from order_items oi where oi.order_id = o.id) as item_count
      from orders o left join users u on u.id = o.user_id left join payments p on p.order_id = o.id
      ${where}
      order by o.created_at desc, o.id desc
      limit ${filter.limit ?? 100}`),
  );
  return result.rows.map((r) => ({
    id: r.id,
    status: r.status,
    paymentStatus: r.payment_status,
    email: r.email,
    guest: r.guest,
    itemCount: Number(r.item_count),
    totalCents: r.total_cents,
    createdAt: asDate(r.created_at),
  }));
}

/** How many orders are in each status (every status present, zero when none). */
export async function countOrdersByStatus(): Promise<Record<OrderStatus, number>> {
  const result = await withDb((db) =>
    db.execute<{ status: OrderStatus; n: number }>(
      sql`select status, count(*)::int as n from orders group by status`,
    ),
  );
  const counts: Record<OrderStatus, number> = {
    placed: 0,
    packed: 0,
    shipped: 0,
    delivered: 0,
    cancelled: 0,
  };
  for (const r of result.rows) counts[r.status] = Number(r.n);
  return counts;
}

export type AdminOrder = Omit<OrderRecord, "events" | "guestEmail"> & {
  guest: boolean;
  timeline: OrderRecord["events"];
  nextMoves: OrderStatus[];
};

export async function getAdminOrder(id: number): Promise<AdminOrder | null> {
  const record = await withDb((db) => readOrder(db, eq(orders.id, id)));
  if (!record) return null;
  const { events, guestEmail: _, ...order } = record;
  const paid = order.paymentStatus;
  return {
    ...order,
    guest: order.userId === null,
    timeline: events,
    // The buttons the payment rules allow (lib/orders/status.ts checks again): pack once paid; a paid order is refunded, not cancelled.
    nextMoves: allowedMoves(order.status).filter((to) =>
      to === "packed" ? paid === null || paid === "paid" : to !== "cancelled" || paid !== "paid",
    ),
  };
}
