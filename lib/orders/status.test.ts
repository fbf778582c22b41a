// @module-tag pglite
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { placedOrder, stockOf } from "@/test/order-fixtures";
import { getDb } from "../database";
import { allowedMoves, canMove, moveOrder } from "./status";

async function orderState(orderId: number) {
  const db = await getDb();
  const order = await db.execute<{ status: string }>(sql`select status from orders where id = ${orderId}`);
  const events = await db.execute<{ status: string; actor: string }>(
    sql`select status, actor from order_events where order_id = ${orderId} order by id`,
  );
  const notes = await db.execute<{ message: string; user_id: number; read_at: Date | null }>(
    sql`select message, user_id, read_at from notifications where order_id = ${orderId} order by id`,
  );
  const audit = await db.execute<{ actor: string; action: string; before: unknown; after: unknown }>(
    sql`select actor, action, before, after from audit_log where entity = 'order' and entity_id = ${String(orderId)} order by id`,
  );
  return { status: order.rows[0]?.status, events: events.rows, notes: notes.rows, audit: audit.rows };
}

describe("order status rules", () => {
  it("moves one step at a time, and cancels only before shipping", () => {
    expect(allowedMoves("placed")).toEqual(["packed", "cancelled"]);
    expect(allowedMoves("packed")).toEqual(["shipped", "cancelled"]);
    expect(allowedMoves("shipped")).toEqual(["delivered"]);
    expect(allowedMoves("delivered")).toEqual([]);
    expect(allowedMoves("cancelled")).toEqual([]);
    expect(canMove("placed", "delivered")).toBe(false);
    expect(canMove("placed", "shipped")).toBe(false);
    expect(canMove("shipped", "cancelled")).toBe(false);
    expect(canMove("packed", "placed")).toBe(false);
  });

  it("takes an order from placed to delivered, with a timeline entry, a shopper notification and an audit record per step", async () => {
    const { orderId, userId } = await placedOrder([["cast-iron-skillet", 1]]);
    for (const to of ["packed", "shipped", "delivered"] as const) {
      await moveOrder({ orderId, to, actor: "alice" });
    }
    const state = await orderState(orderId);
    expect(state.status).toBe("delivered");
    expect(state.events).toEqual([
      { status: "placed", actor: "shopper" },
      { status: "packed", actor: "staff:alice" },
      { status: "shipped", actor: "staff:alice" },
      { status: "delivered", actor: "staff:alice" },
    ]);
    expect(state.notes.map((n) => n.message)).toEqual([
      `Your order #${orderId} is packed and waiting for the courier.`,
      `Your order #${orderId} is on its way.`,
      `Your order #${orderId} has been delivered. Enjoy!`,
    ]);
    expect(state.notes.every((n) => n.user_id === userId && n.read_at === null)).toBe(true);
    expect(state.audit).toEqual([
      { actor: "alice", action: "order.advance", before: { status: "placed" }, after: { status: "packed" } },
      { actor: "alice", action: "order.advance", before: { status: "packed" }, after: { status: "shipped" } },
      {
        actor: "alice",
        action: "order.advance",
        before: { status: "shipped" },
        after: { status: "delivered" },
      },
    ]);
  });

  it("refuses to skip from placed to delivered and changes nothing", async () => {
    const { orderId } = await placedOrder([["chefs-knife", 1]]);
    await expect(moveOrder({ orderId, to: "delivered", actor: "alice" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `Order #${orderId} is placed: it can go to packed or cancelled, not delivered.`,
    });
    const state = await orderState(orderId);
    expect(state.status).toBe("placed");
    expect(state.events).toHaveLength(1);
    expect(state.notes).toEqual([]);
    expect(state.audit).toEqual([]);
  });

  it("refuses to cancel a shipped order, and to move an unknown one", async () => {
    const { orderId } = await placedOrder([["chefs-knife", 1]]);
    await moveOrder({ orderId, to: "packed", actor: "alice" });
    await moveOrder({ orderId, to: "shipped", actor: "alice" });
    await expect(moveOrder({ orderId, to: "cancelled", actor: "alice" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await orderState(orderId)).status).toBe("shipped");
    await expect(moveOrder({ orderId: 999_999, to: "packed", actor: "alice" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("returns the stock of a cancelled order exactly once, even when two cancels race", async () => {
    const before = { skillet: await stockOf("cast-iron-skillet"), knife: await stockOf("chefs-knife") };
    const { orderId } = await placedOrder([
      ["cast-iron-skillet", 3],
      ["chefs-knife", 2],
    ]);
    await moveOrder({ orderId, to: "packed", actor: "alice" });
    expect(await stockOf("cast-iron-skillet")).toBe(before.skillet - 3);

    const results = await Promise.allSettled([
      moveOrder({ orderId, to: "cancelled", actor: "alice" }),
      moveOrder({ orderId, to: "cancelled", actor: "bob" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "CONFLICT" });

    expect(await stockOf("cast-iron-skillet")).toBe(before.skillet);
    expect(await stockOf("chefs-knife")).toBe(before.knife);
    const state = await orderState(orderId);
    expect(state.status).toBe("cancelled");
    expect(state.events.filter((e) => e.status === "cancelled")).toHaveLength(1);
    expect(state.notes.at(-1)?.message).toBe(`Your order #${orderId} has been cancelled.`);
    expect(state.audit.filter((a) => a.action === "order.cancel")).toHaveLength(1);

    // A third, later cancel is refused too and returns nothing.
    await expect(moveOrder({ orderId, to: "cancelled", actor: "alice" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await stockOf("cast-iron-skillet")).toBe(before.skillet);
  });
});
