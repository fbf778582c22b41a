// @module-tag pglite
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { stockOf } from "@/test/order-fixtures";
import { outboxMailsTo } from "@/test/outbox";
import { assertStockAndMoneyAgree, checkedOutOrder, orderAndPayment } from "@/test/payment-fixtures";
import { getDb } from "../database";
import { moveOrder } from "../orders/status";
import { pruneExpiredSessions } from "../session/prune";
import { markPaidByStaff, refundByStaff } from "./staff";

beforeAll(async () => {
  await getDb();
});

async function emailOf(orderId: number): Promise<string> {
  const db = await getDb();
  const r = await db.execute<{ email: string }>(
    sql`select u.email from orders o join users u on u.id = o.user_id where o.id = ${orderId}`,
  );
  return r.rows[0]!.email;
}

async function audit(orderId: number) {
  const db = await getDb();
  const r = await db.execute<{ actor: string; action: string }>(
    sql`select actor, action from audit_log where entity = 'order' and entity_id = ${String(orderId)} order by id`,
  );
  return r.rows.map((a) => `${a.action} ${a.actor}`);
}

// After every test, whatever it did: no order keeps money for stock given back, or stock for money
// given back (docs/decisions/032).
afterEach(assertStockAndMoneyAgree);

describe("manual payment (the default)", () => {
  it("places the order awaiting payment with the instructions in the confirmation mail", async () => {
    const { orderId } = await checkedOutOrder({ headlamp: 1 });
    expect(await orderAndPayment(orderId)).toMatchObject({
      status: "placed",
      payment: "awaiting",
      reference: null,
    });
    const [confirmation] = await outboxMailsTo(await emailOf(orderId));
    expect(confirmation!.kind).toBe("order-placed");
    expect(confirmation!.text).toContain("Pay by bank transfer");
    expect(confirmation!.text).toContain(`reference: order #${orderId}`);
    expect(confirmation!.text).toMatch(/Please pay by .* an order not paid by then is cancelled/);
  });

  it("staff mark it paid: timeline, notification, mail and audit commit together; a second click is refused", async () => {
    const { orderId, userId } = await checkedOutOrder({ "brass-pen": 2 });
    await markPaidByStaff({ orderId, actor: "alice" });
    await expect(markPaidByStaff({ orderId, actor: "bob" })).rejects.toMatchObject({ code: "CONFLICT" });
    const state = await orderAndPayment(orderId);
    expect(state).toMatchObject({ status: "placed", payment: "paid" });
    expect(state.timeline).toEqual(["placed shopper", "paid staff:alice"]);
    expect(await audit(orderId)).toEqual(["payment.mark-paid alice"]);
    const mails = await outboxMailsTo(await emailOf(orderId));
    expect(mails.map((m) => m.kind)).toEqual(["order-placed", "payment-paid"]);
    expect(mails[1]!.subject).toBe(`Keepcart order #${orderId} is paid`);
    const db = await getDb();
    const notes = await db.execute<{ message: string }>(
      sql`select message from notifications where user_id = ${userId} order by id`,
    );
    expect(notes.rows.at(-1)!.message).toBe(`Payment received for order #${orderId}. We'll pack it now.`);
  });

  it("is packed only once paid, and a paid order is refunded rather than cancelled", async () => {
    const { orderId } = await checkedOutOrder({ "camp-mug": 1 });
    await expect(moveOrder({ orderId, to: "packed", actor: "alice" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `Order #${orderId} is awaiting payment: mark it paid first.`,
    });
    await markPaidByStaff({ orderId, actor: "alice" });
    await moveOrder({ orderId, to: "packed", actor: "alice" });
    await expect(moveOrder({ orderId, to: "cancelled", actor: "alice" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `Order #${orderId} is paid: refund it instead, which also cancels it.`,
    });
  });

  it("a full refund cancels an unshipped order and returns its stock once, even when two staff refund at once", async () => {
    const { orderId } = await checkedOutOrder({ "chefs-knife": 2 });
    await markPaidByStaff({ orderId, actor: "alice" });
    const stock = await stockOf("chefs-knife");
    const results = await Promise.allSettled([
      refundByStaff({ orderId, actor: "alice" }),
      refundByStaff({ orderId, actor: "bob" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await stockOf("chefs-knife")).toBe(stock + 2);
    const state = await orderAndPayment(orderId);
    expect(state).toMatchObject({ status: "cancelled", payment: "refunded" });
    expect(state.timeline.slice(2).map((t) => t.split(" ")[0])).toEqual(["refunded", "cancelled"]);
    expect((await audit(orderId)).filter((a) => a.startsWith("payment.refund"))).toHaveLength(1);
  });

  it("staff cancelling an unpaid order cancels its payment and gives the stock back once", async () => {
    const { orderId } = await checkedOutOrder({ "olive-wood-board": 1 });
    const stock = await stockOf("olive-wood-board");
    await moveOrder({ orderId, to: "cancelled", actor: "alice" });
    await expect(markPaidByStaff({ orderId, actor: "alice" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await orderAndPayment(orderId)).toMatchObject({ status: "cancelled", payment: "cancelled" });
    expect(await stockOf("olive-wood-board")).toBe(stock + 1);
  });
});

describe("the payment hold", () => {
  it("the prune releases an unpaid order whose hold ended, once; a paid one and one still held are untouched", async () => {
    const unpaid = await checkedOutOrder({ "gooseneck-kettle": 1 });
    const paid = await checkedOutOrder({ "gooseneck-kettle": 1 });
    await markPaidByStaff({ orderId: paid.orderId, actor: "alice" });
    const stock = await stockOf("gooseneck-kettle");
    const db = await getDb();

    // Still within the hold (3 days by default): nothing moves.
    expect((await pruneExpiredSessions(db, { now: new Date(Date.now() + 3600_000) })).ordersReleased).toBe(0);
    const afterHold = new Date(Date.now() + 4 * 24 * 3600_000);
    const first = await pruneExpiredSessions(db, { now: afterHold });
    const second = await pruneExpiredSessions(db, { now: afterHold });
    expect(first.ordersReleased).toBeGreaterThanOrEqual(1); // earlier tests' unpaid orders go too
    expect(second.ordersReleased).toBe(0);

    expect(await stockOf("gooseneck-kettle")).toBe(stock + 1);
    const state = await orderAndPayment(unpaid.orderId);
    expect(state).toMatchObject({ status: "cancelled", payment: "expired" });
    expect(state.timeline).toEqual(["placed shopper", "payment_expired system", "cancelled system"]);
    expect(await orderAndPayment(paid.orderId)).toMatchObject({ status: "placed", payment: "paid" });
    expect((await outboxMailsTo(await emailOf(unpaid.orderId))).map((m) => m.kind)).toEqual([
      "order-placed",
      "payment-expired",
    ]);
  });
});
