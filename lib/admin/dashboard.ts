import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { withDb } from "../database";

export type Dashboard = {
  today: { orders: number; revenueCents: number; since: Date };
  week: { orders: number; revenueCents: number; since: Date };
  sessions: SessionCounts;
  carts: { open: number; items: number; products: { name: string; quantity: number; carts: number }[] };
};

export type SessionCounts = { active: number; loggedIn: number; anonymous: number; expired: number };

/** Midnight UTC today, and Monday 00:00 UTC of this week: the same boundaries on every server. */
export function periodStarts(now: Date): { day: Date; week: Date } {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return { day, week: new Date(day.getTime() - sinceMonday * 86_400_000) };
}

/** Live sessions by kind, and expired rows that the next prune will delete. */
export async function sessionCounts(db: Queryable, now: Date): Promise<SessionCounts> {
  const result = await db.execute<{ logged_in: number; anonymous: number; expired: number }>(sql`
    select
      count(*) filter (where live and user_id is not null)::int as logged_in,
      count(*) filter (where live and user_id is null)::int as anonymous,
      count(*) filter (where idle_expires_at <= ${now})::int as expired
    from (select user_id, idle_expires_at,
            idle_expires_at > ${now} and absolute_expires_at > ${now} as live from sessions) s`);
  const r = result.rows[0]!;
  const loggedIn = Number(r.logged_in);
  const anonymous = Number(r.anonymous);
  return { active: loggedIn + anonymous, loggedIn, anonymous, expired: Number(r.expired) };
}

/** Orders and revenue exclude cancelled orders. An open cart has items and a live owner. */
export async function getDashboard(now = new Date()): Promise<Dashboard> {
  const { day, week } = periodStarts(now);
  return withDb(async (db) => {
    const orders = await db.execute<{
      d_orders: number;
      d_cents: number;
      w_orders: number;
      w_cents: number;
    }>(sql`
      select
        count(*) filter (where created_at >= ${day})::int as d_orders,
        coalesce(sum(total_cents) filter (where created_at >= ${day}), 0)::bigint as d_cents,
        count(*)::int as w_orders,
        coalesce(sum(total_cents), 0)::bigint as w_cents
      from orders where created_at >= ${week} and status <> 'cancelled'`);
    const products = await db.execute<{ name: string; quantity: number; carts: number }>(sql`
      with open_lines as (
        select ci.cart_id, ci.product_id, ci.quantity from cart_items ci
        join carts c on c.id = ci.cart_id left join sessions s on s.id = c.session_id
        where c.user_id is not null or (s.idle_expires_at > ${now} and s.absolute_expires_at > ${now}))
      select p.name, sum(l.quantity)::int as quantity, count(distinct l.cart_id)::int as carts
      from open_lines l join products p on p.id = l.product_id
      group by p.id, p.name order by quantity desc, p.name
      limit 50`);
    const totals = await db.execute<{ open: number; items: number }>(sql`
      select count(distinct ci.cart_id)::int as open, coalesce(sum(ci.quantity), 0)::int as items
      from cart_items ci join carts c on c.id = ci.cart_id left join sessions s on s.id = c.session_id
      where c.user_id is not null or (s.idle_expires_at > ${now} and s.absolute_expires_at > ${now})`);
    const o = orders.rows[0]!;
    const t = totals.rows[0]!;
    return {
      today: { orders: Number(o.d_orders), revenueCents: Number(o.d_cents), since: day },
      week: { orders: Number(o.w_orders), revenueCents: Number(o.w_cents), since: week },
      sessions: await sessionCounts(db, now),
      carts: {
        open: Number(t.open),
        items: Number(t.items),
        products: products.rows.map((p) => ({
          name: p.name,
          quantity: Number(p.quantity),
          carts: Number(p.carts),
        })),
      },
    };
  });
}
