import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { productIdBySlug, registeredBrowser } from "@/test/fixtures";
import { ADDRESS } from "@/test/order-fixtures";
import { outboxMailsTo } from "@/test/outbox";
import { assertStockAndMoneyAgree } from "@/test/payment-fixtures";
import { linkIn } from "@/test/smtp-sink";
import { addToCart } from "../cart";
import { getDb } from "../database";
import { listNotifications } from "../notifications";
import { markPaidByStaff } from "../payment/staff";
import { placeOrder } from "./place";
import { moveOrder } from "./status";

beforeAll(async () => {
  await getDb();
});

async function shopperWith(lines: Record<string, number>) {
  const { userId, email } = await registeredBrowser();
  for (const [slug, quantity] of Object.entries(lines)) {
    await addToCart({ userId }, await productIdBySlug(slug), quantity);
  }
  return { userId, email };
}
const place = (userId: number) =>
  placeOrder({ userId, idempotencyKey: randomUUID(), shipTo: { address: ADDRESS, save: false } });

// Every order here gets a payment (decision 032): its state and its stock never disagree.
afterEach(assertStockAndMoneyAgree);

describe("order mail", () => {
  it("confirms a placed order with its lines, total and a link, once per order", async () => {
    const { userId, email } = await shopperWith({ headlamp: 2, "brass-pen": 1 });
    const { orderId } = await place(userId);
    const [mail, ...more] = await outboxMailsTo(email);
    expect(more).toEqual([]);
    expect(mail!.kind).toBe("order-placed");
    expect(mail!.subject).toBe(`Keepcart order #${orderId} is placed (£114.00)`);
    expect(mail!.text).toContain("2 × Headlamp: £72.00");
    expect(mail!.text).toContain("Total: £114.00");
    expect(linkIn(mail!, "http://localhost:3000/")).toBe(`http://localhost:3000/orders/${orderId}`);
    expect(mail!.html).toContain("Total: £114.00");
  });

  it("writes no mail for an order that failed", async () => {
    const { userId, email } = await shopperWith({ headlamp: 1 });
    const db = await getDb();
    await db.execute(sql`update products set stock = 0 where slug = 'headlamp'`);
    try {
      await expect(place(userId)).rejects.toMatchObject({ code: "OUT_OF_STOCK" });
    } finally {
      await db.execute(sql`update products set stock = 50 where slug = 'headlamp'`);
    }
    expect(await outboxMailsTo(email)).toEqual([]);
  });

  it("mails the notification's words when staff mark it shipped and delivered, not for packed", async () => {
    const { userId, email } = await shopperWith({ "brass-pen": 1 });
    const { orderId } = await place(userId);
    await markPaidByStaff({ orderId, actor: "alice" }); // packed only once paid (decision 032)
    for (const to of ["packed", "shipped", "delivered"] as const)
      await moveOrder({ orderId, to, actor: "alice" });
    const mails = await outboxMailsTo(email);
    expect(mails.map((m) => m.kind)).toEqual([
      "order-placed",
      "payment-paid",
      "order-shipped",
      "order-delivered",
    ]);
    const notices = (await listNotifications(userId)).map((n) => n.message);
    expect(notices).toContain(`Your order #${orderId} is on its way.`);
    expect(mails[2]!.text).toContain(`Your order #${orderId} is on its way.`);
    expect(mails[3]!.text).toContain(`Your order #${orderId} has been delivered. Enjoy!`);
    expect(linkIn(mails[3]!, "http://localhost:3000/")).toBe(`http://localhost:3000/orders/${orderId}`);
  });
});
