import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { addToCart } from "@/lib/cart";
import { getDb } from "@/lib/database";
import { placeOrder } from "@/lib/orders/place";
import { productIdBySlug, registeredBrowser } from "./fixtures";
import { ADDRESS } from "./order-fixtures";
import { STOCK_AND_MONEY_DISAGREE } from "./stock-and-money";

/** A shopper's order placed through checkout (stock taken, payment awaiting). Lines: slug → quantity. */
export async function checkedOutOrder(
  lines: Record<string, number>,
): Promise<{ orderId: number; userId: number }> {
  const { userId } = await registeredBrowser();
  for (const [slug, quantity] of Object.entries(lines)) {
    await addToCart({ userId }, await productIdBySlug(slug), quantity);
  }
  const { orderId } = await placeOrder({
    userId,
    idempotencyKey: randomUUID(),
    shipTo: { address: ADDRESS, save: false },
  });
  return { orderId, userId };
}

/** The order's fulfilment and payment state and its timeline, as the database has them. */
export async function orderAndPayment(orderId: number) {
  const db = await getDb();
  const row = await db.execute<{
    status: string;
    payment: string | null;
    reference: string | null;
    charge_reference: string | null;
    amount_cents: number;
  }>(sql`
    select o.status, p.status as payment, p.reference, p.charge_reference, p.amount_cents
    from orders o left join payments p on p.order_id = o.id where o.id = ${orderId}`);
  const events = await db.execute<{ status: string; actor: string }>(
    sql`select status, actor from order_events where order_id = ${orderId} order by id`,
  );
  return { ...row.rows[0]!, timeline: events.rows.map((e) => `${e.status} ${e.actor}`) };
}

/**
 * Stock and money never disagree: a cancelled order has no money kept (its payment is closed or
 * refunded), a paid one is not cancelled, and an awaiting one still holds its stock.
 */
export async function assertStockAndMoneyAgree(): Promise<void> {
  const db = await getDb();
  const bad = await db.execute<{ id: number; status: string; payment: string }>(
    sql.raw(STOCK_AND_MONEY_DISAGREE),
  );
  if (bad.rows.length > 0) throw new Error(`stock and money disagree: ${JSON.stringify(bad.rows)}`);
}
