import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { placedOrder, stockOf } from "@/test/order-fixtures";
import { getDb } from "../database";
import { moveOrder } from "./status";

// The chaos run's 500s (decision 037): a staff cancel returned stock to the products in the join's
// order and then, for the shopper's notification, wanted the shopper's row; that shopper's checkout
// held the row and wanted one of the products. PostgreSQL broke the deadlock by failing one (40P01).
// Two connections, so PostgreSQL only.
describe("a staff cancel beside a checkout of the same shopper", () => {
  it("takes the shopper's row before the products, as a checkout does, so the two queue instead of deadlocking", async () => {
    const { orderId, userId } = await placedOrder([
      ["cast-iron-skillet", 1],
      ["gooseneck-kettle", 2],
    ]);
    const db = await getDb();
    const ids = (
      await db.execute<{ id: number }>(
        sql`select product_id as id from order_items where order_id = ${orderId} order by product_id`,
      )
    ).rows.map((r) => r.id);
    const kettleBefore = await stockOf("gooseneck-kettle");
    const checkout = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await checkout.connect();
    try {
      // The checkout's first lock: its buyer's row (lib/orders/place.ts)…
      await checkout.query("begin");
      await checkout.query("select email from users where id = $1 for no key update", [userId]);
      // …staff cancel an earlier order of the same shopper meanwhile…
      const cancel = moveOrder({ orderId, to: "cancelled", actor: "alice" });
      await new Promise((r) => setTimeout(r, 500));
      // …then the checkout takes the products in id order, as takeStock does.
      await checkout.query("select id from products where id = any($1) order by id for update", [ids]);
      await checkout.query("commit");
      await expect(cancel).resolves.toMatchObject({ orderId, to: "cancelled" });
    } finally {
      await checkout.end();
    }
    expect(await stockOf("gooseneck-kettle")).toBe(kettleBefore + 2);
  }, 30_000);
});
