import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";

/**
 * Cancels an order still in the warehouse and gives its stock back, in the caller's transaction
 * (which holds the order's row lock). The status guard makes it happen once: a second call, a
 * concurrent one that waited on the lock, or a replayed event finds the order cancelled and
 * returns false without touching stock.
 *
 * Lock order (decision 025), as a checkout takes them: the buyer's row, then the products in id
 * order. The chaos run found a staff cancel that updated the products in whatever order the join
 * gave and then (the notification's unread counter) wanted the buyer's row, while that buyer's
 * checkout held the row and wanted one of those products: a deadlock, answered 500 (decision 037).
 */
export async function cancelReturningStock(tx: Queryable, orderId: number, now: Date): Promise<boolean> {
  const cancelled = await tx.execute(sql`
    update orders set status = 'cancelled', updated_at = ${now}
    where id = ${orderId} and status in ('placed', 'packed') returning id`);
  if (cancelled.rows.length === 0) return false;
  await tx.execute(sql`
    select u.id from users u join orders o on o.user_id = u.id where o.id = ${orderId}
    for no key update of u`);
  await tx.execute(sql`
    select p.id from products p join order_items oi on oi.product_id = p.id
    where oi.order_id = ${orderId} order by p.id for update of p`);
  await tx.execute(sql`
    update products p set stock = p.stock + oi.quantity, updated_at = ${now}
    from order_items oi where oi.order_id = ${orderId} and p.id = oi.product_id`);
  return true;
}
