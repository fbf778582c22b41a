import { sql } from "drizzle-orm";
import type { OrderEventKind, OrderStatus, PaymentProviderName, PaymentStatus } from "@/db/schema";
import type { AddressInput } from "../addresses";
import { withDb } from "../database";
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

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

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

export type AdminOrder = AdminOrderRow & {
  userId: number | null;
  payment: { provider: PaymentProviderName; status: PaymentStatus; holdUntil: Date } | null;
  shipTo: AddressInput;
  items: { productId: number; name: string; unitPriceCents: number; quantity: number }[];
  timeline: { id: number; status: OrderEventKind; actor: string; at: Date }[];
  nextMoves: OrderStatus[];
};

export async function getAdminOrder(id: number): Promise<AdminOrder | null> {
  return withDb(async (db) => {
    const found = await db.execute<{
      id: number;
      user_id: number | null;
      status: OrderStatus;
      email: string;
      guest: boolean;
      provider: PaymentProviderName | null;
      payment_status: PaymentStatus | null;
      hold_until: Date | string | null;
      total_cents: number;
      created_at: Date | string;
      ship_full_name: string;
      ship_line1: string;
      ship_line2: string;
      ship_city: string;
      ship_postal_code: string;
      ship_country: string;
    }>(sql`
      select o.*, coalesce(u.email, o.guest_email) as email, o.user_id is null as guest,
        p.provider, p.status as payment_status, p.hold_until
      from orders o left join users u on u.id = o.user_id left join payments p on p.order_id = o.id
      where o.id = ${id}`);
    const o = found.rows[0];
    if (!o) return null;
    const items = await db.execute<{
      product_id: number;
      product_name: string;
      unit_price_cents: number;
      quantity: number;
    }>(
      sql`select product_id, product_name, unit_price_cents, quantity from order_items
          where order_id = ${id} order by product_name`,
    );
    const events = await db.execute<{
      id: number;
      status: OrderEventKind;
      actor: string;
      created_at: Date | string;
    }>(
      sql`select id, status, actor, created_at from order_events where order_id = ${id} order by created_at, id`,
    );
    return {
      id: o.id,
      userId: o.user_id,
      status: o.status,
      paymentStatus: o.payment_status,
      payment:
        o.provider && o.payment_status
          ? { provider: o.provider, status: o.payment_status, holdUntil: asDate(o.hold_until!) }
          : null,
      email: o.email,
      guest: o.guest,
      totalCents: o.total_cents,
      createdAt: asDate(o.created_at),
      itemCount: items.rows.reduce((n, i) => n + i.quantity, 0),
      shipTo: {
        fullName: o.ship_full_name,
        line1: o.ship_line1,
        line2: o.ship_line2,
        city: o.ship_city,
        postalCode: o.ship_postal_code,
        country: o.ship_country,
      },
      items: items.rows.map((i) => ({
        productId: i.product_id,
        name: i.product_name,
        unitPriceCents: i.unit_price_cents,
        quantity: i.quantity,
      })),
      timeline: events.rows.map((e) => ({
        id: e.id,
        status: e.status,
        actor: e.actor,
        at: asDate(e.created_at),
      })),
      // The buttons the payment rules allow (lib/orders/status.ts checks again): pack once paid; a paid order is refunded, not cancelled.
      nextMoves: allowedMoves(o.status).filter((to) =>
        to === "packed"
          ? o.payment_status === null || o.payment_status === "paid"
          : to !== "cancelled" || o.payment_status !== "paid",
      ),
    };
  });
}
