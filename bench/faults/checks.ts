import { sql as query } from "../../e2e/harness/database";
import type { ConfirmedOrder } from "./shopper";

/**
 * The checks after the run, straight on the database (not through the fault proxy):
 * every confirmed order exists exactly once, stock = start − sold, no duplicated cart line or cart.
 */
export type DatabaseChecks = {
  confirmedOrders: number;
  confirmedOrdersFoundOnce: number;
  ordersInDatabase: number;
  ordersNotConfirmedToAClient: number;
  duplicateIdempotencyKeys: number;
  stockMismatches: { productId: number; start: number; sold: number; now: number }[];
  unitsSold: number;
  duplicateCartLines: number;
  usersWithSeveralCarts: number;
};

export async function readStock(url: string): Promise<Map<number, number>> {
  const rows = await query<{ id: number; stock: number }>(url, "select id, stock from products");
  return new Map(rows.map((r) => [r.id, r.stock]));
}

export async function checkDatabase(
  url: string,
  startStock: Map<number, number>,
  confirmed: ConfirmedOrder[],
): Promise<DatabaseChecks> {
  const orders = await query<{ id: number; idempotency_key: string; email: string }>(
    url,
    "select o.id, o.idempotency_key, u.email from orders o join users u on u.id = o.user_id",
  );
  let foundOnce = 0;
  for (const c of confirmed) {
    const matches = orders.filter(
      (o) => o.idempotency_key === c.idempotencyKey && o.email === c.email && o.id === c.orderId,
    );
    if (matches.length === 1) foundOnce++;
  }
  const confirmedIds = new Set(confirmed.map((c) => c.orderId));
  const duplicates = await query<{ n: number }>(
    url,
    "select count(*)::int as n from (select 1 from orders group by user_id, idempotency_key having count(*) > 1) d",
  );
  const sold = await query<{ product_id: number; sold: number }>(
    url,
    `select oi.product_id, sum(oi.quantity)::int as sold from order_items oi
     join orders o on o.id = oi.order_id where o.status <> 'cancelled' group by oi.product_id`,
  );
  const soldBy = new Map(sold.map((r) => [r.product_id, r.sold]));
  const now = await readStock(url);
  const stockMismatches: DatabaseChecks["stockMismatches"] = [];
  for (const [productId, start] of startStock) {
    const s = soldBy.get(productId) ?? 0;
    const current = now.get(productId)!;
    if (start - s !== current) stockMismatches.push({ productId, start, sold: s, now: current });
  }
  const lines = await query<{ n: number }>(
    url,
    "select count(*)::int as n from (select 1 from cart_items group by cart_id, product_id having count(*) > 1) d",
  );
  const carts = await query<{ n: number }>(
    url,
    "select count(*)::int as n from (select 1 from carts where user_id is not null group by user_id having count(*) > 1) d",
  );
  return {
    confirmedOrders: confirmed.length,
    confirmedOrdersFoundOnce: foundOnce,
    ordersInDatabase: orders.length,
    ordersNotConfirmedToAClient: orders.filter((o) => !confirmedIds.has(o.id)).length,
    duplicateIdempotencyKeys: duplicates[0]!.n,
    stockMismatches,
    unitsSold: [...soldBy.values()].reduce((a, b) => a + b, 0),
    duplicateCartLines: lines[0]!.n,
    usersWithSeveralCarts: carts[0]!.n,
  };
}
