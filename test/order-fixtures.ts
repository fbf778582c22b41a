import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { uniqueEmail } from "./fixtures";

/**
 * An order as checkout leaves it (status placed, stock taken, a "placed" timeline entry), written
 * with SQL so admin tests do not depend on the checkout code. Lines: [product slug, quantity].
 */
export async function placedOrder(
  lines: [slug: string, quantity: number][],
  options: { userId?: number; createdAt?: Date } = {},
): Promise<{ orderId: number; userId: number }> {
  const db = await getDb();
  const userId =
    options.userId ??
    (
      await db.execute<{ id: number }>(
        sql`insert into users (email, password_hash) values (${uniqueEmail()}, 'x') returning id`,
      )
    ).rows[0]!.id;
  return db.transaction(async (tx) => {
    const createdAt = options.createdAt ?? new Date();
    const order = await tx.execute<{ id: number }>(sql`
      insert into orders (user_id, idempotency_key, total_cents, ship_full_name, ship_line1, ship_city,
        ship_postal_code, ship_country, created_at, updated_at)
      values (${userId}, ${randomUUID()}, 0, 'Ada Lovelace', '12 Analytical Row', 'London', 'N1 9GU', 'United Kingdom',
        ${createdAt}, ${createdAt})
      returning id`);
    const orderId = order.rows[0]!.id;
    for (const [slug, quantity] of lines) {
      await tx.execute(sql`
        insert into order_items (order_id, product_id, product_name, unit_price_cents, quantity)
        select ${orderId}, id, name, price_cents, ${quantity} from products where slug = ${slug}`);
      await tx.execute(sql`update products set stock = stock - ${quantity} where slug = ${slug}`);
    }
    await tx.execute(sql`
      update orders set total_cents = (select sum(unit_price_cents * quantity) from order_items where order_id = ${orderId})
      where id = ${orderId}`);
    await tx.execute(
      sql`insert into order_events (order_id, status, actor, created_at) values (${orderId}, 'placed', 'shopper', ${createdAt})`,
    );
    return { orderId, userId };
  });
}

/** A valid shipping address, as the checkout form would send it. */
export const ADDRESS = {
  fullName: "Grace Hopper",
  line1: "1 Harbour Road",
  line2: "",
  city: "Bristol",
  postalCode: "BS1 4RN",
  country: "United Kingdom",
};

export async function stockOf(slug: string): Promise<number> {
  const db = await getDb();
  const result = await db.execute<{ stock: number }>(sql`select stock from products where slug = ${slug}`);
  return result.rows[0]!.stock;
}
