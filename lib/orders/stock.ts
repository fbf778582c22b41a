import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";

/**
 * Cancels an order still in the warehouse and gives its stock back, in the caller's transaction
 * (which holds the order's row lock). The status guard makes it happen once: a second call, a
 * concurrent one that waited on the lock, or a replayed event finds the order cancelled and
 * returns false without touching stock.
 */
export async function cancelReturningStock(tx: Queryable, orderId: number, now: Date): Promise<boolean> {
  const cancelled = await tx.execute(sql`
    update orders set status = 'cancelled', updated_at = ${now}
    where id = ${orderId} and status in ('placed', 'packed') returning id`);
  if (cancelled.rows.length === 0) return false;
  await tx.execute(sql`
    update products p set stock = p.stock + oi.quantity, updated_at = ${now}
    from order_items oi where oi.order_id = ${orderId} and p.id = oi.product_id`);
  return true;
}
