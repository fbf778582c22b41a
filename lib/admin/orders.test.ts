import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { placedOrder } from "@/test/order-fixtures";
import { getDb } from "../database";
import { getMyOrder } from "../orders/queries";
import { moveOrder } from "../orders/status";
import { getAdminOrder } from "./orders";

// The shopper's order page and the staff's read the same order through one query (readOrder in
// lib/orders/queries.ts): they must agree on every fact, and only staff see who moved it.
describe("one order, as the shopper and the staff see it", () => {
  it("agrees on lines, total, address and timeline; only staff get the actor and the buttons", async () => {
    const { orderId, userId } = await placedOrder([
      ["cast-iron-skillet", 1],
      ["camp-mug", 3],
    ]);
    await moveOrder({ orderId, to: "packed", actor: "alice" });
    const staff = await getAdminOrder(orderId);
    const shopper = await getMyOrder(userId, orderId);
    const db = await getDb();
    const email = (await db.execute<{ email: string }>(sql`select email from users where id = ${userId}`))
      .rows[0]!.email;

    expect(staff).toMatchObject({ id: orderId, userId, email, guest: false, status: "packed" });
    expect(staff!.nextMoves).toEqual(["shipped", "cancelled"]);
    expect(staff!.timeline.map((e) => [e.status, e.actor])).toEqual([
      ["placed", "shopper"],
      ["packed", "staff:alice"],
    ]);
    for (const key of [
      "items",
      "totalCents",
      "itemCount",
      "shipTo",
      "createdAt",
      "status",
      "payment",
    ] as const) {
      expect(shopper[key], key).toEqual(staff![key]);
    }
    expect(shopper.itemCount).toBe(4);
    expect(shopper.items.map((i) => i.name)).toEqual(["Camp Mug", "Cast Iron Skillet"]);
    expect(shopper.events).toEqual(staff!.timeline.map(({ status, at }) => ({ status, at })));
    expect(JSON.stringify(shopper)).not.toContain("alice");
    expect(shopper.guestEmail).toBeNull();
  });

  it("is null for staff and NOT_FOUND for a shopper when the order is not theirs or not there", async () => {
    const { orderId } = await placedOrder([["camp-mug", 1]]);
    const { userId: someoneElse } = await placedOrder([["camp-mug", 1]]);
    expect(await getAdminOrder(2_000_000_000)).toBeNull();
    await expect(getMyOrder(someoneElse, orderId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
