// @module-tag pglite
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { addAddress, countRows, productIdBySlug, registeredBrowser } from "@/test/fixtures";
import { ADDRESS, stockOf } from "@/test/order-fixtures";
import { assertStockAndMoneyAgree } from "@/test/payment-fixtures";
import { listAddresses } from "../addresses";
import { addToCart, getCart } from "../cart";
import { getDb } from "../database";
import { AppError } from "../errors";
import { listNotifications } from "../notifications";
import { placeOrder } from "./place";
import { getMyOrder, listMyOrders } from "./queries";

async function shopperWith(lines: Record<string, number>): Promise<number> {
  const { userId } = await registeredBrowser();
  for (const [slug, quantity] of Object.entries(lines)) {
    await addToCart({ userId }, await productIdBySlug(slug), quantity);
  }
  return userId;
}

const place = (userId: number, idempotencyKey = randomUUID()) =>
  placeOrder({ userId, idempotencyKey, shipTo: { address: ADDRESS, save: false } });

beforeAll(async () => {
  await getDb();
});

// Every order here gets a payment (decision 032): its state and its stock never disagree.
afterEach(assertStockAndMoneyAgree);

describe("placing an order", () => {
  it("takes the stock, copies names and prices, empties the cart and notifies the shopper", async () => {
    const userId = await shopperWith({ headlamp: 2, "brass-pen": 1 });
    const headlampStock = await stockOf("headlamp");
    const { orderId, created } = await place(userId);
    expect(created).toBe(true);
    expect(await stockOf("headlamp")).toBe(headlampStock - 2);
    expect((await getCart({ userId })).lines).toEqual([]);

    // Later price and name changes do not touch the order.
    const db = await getDb();
    await db.execute(sql`update products set price_cents = 1, name = 'Renamed' where slug = 'headlamp'`);
    const order = await getMyOrder(userId, orderId);
    expect(order.items.map((i) => [i.name, i.quantity, i.unitPriceCents])).toEqual([
      ["Brass Pen", 1, 4200],
      ["Headlamp", 2, 3600],
    ]);
    expect(order.totalCents).toBe(4200 + 2 * 3600);
    expect(order.status).toBe("placed");
    expect(order.events.map((e) => e.status)).toEqual(["placed"]);
    expect(order.shipTo).toEqual(ADDRESS);
    const [notification] = await listNotifications(userId);
    expect(notification).toMatchObject({ orderId, readAt: null });
    expect(notification!.message).toContain(`Order #${orderId} is placed`);
  });

  it("refuses an empty cart", async () => {
    const { userId } = await registeredBrowser();
    await expect(place(userId)).rejects.toMatchObject({ code: "CONFLICT", message: "Your cart is empty." });
  });

  it("refuses when stock ran short since the cart was filled, and changes nothing", async () => {
    const userId = await shopperWith({ "burr-grinder": 4, "camp-mug": 1 });
    const db = await getDb();
    await db.execute(sql`update products set stock = 2 where slug = 'burr-grinder'`);
    const mugStock = await stockOf("camp-mug");
    const error = await place(userId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "OUT_OF_STOCK" });
    expect((error as AppError).message).toContain("only 2 of Burr Grinder are left");
    expect(await stockOf("camp-mug")).toBe(mugStock);
    expect(await stockOf("burr-grinder")).toBe(2);
    expect((await getCart({ userId })).itemCount).toBe(5);
    expect(await listMyOrders(userId)).toEqual([]);
  });

  it("ships to a saved address of the shopper's, never to someone else's", async () => {
    const owner = await shopperWith({ "camp-mug": 1 });
    const saved = await addAddress(owner, ADDRESS);
    const stranger = await shopperWith({ "camp-mug": 1 });
    await expect(
      placeOrder({ userId: stranger, idempotencyKey: randomUUID(), shipTo: { addressId: saved.id } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { orderId } = await placeOrder({
      userId: owner,
      idempotencyKey: randomUUID(),
      shipTo: { addressId: saved.id },
    });
    expect((await getMyOrder(owner, orderId)).shipTo.city).toBe("Bristol");
    await expect(getMyOrder(stranger, orderId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("saves a new address when asked, as the default if it is the first", async () => {
    const userId = await shopperWith({ "camp-mug": 1 });
    await placeOrder({ userId, idempotencyKey: randomUUID(), shipTo: { address: ADDRESS, save: true } });
    expect(await listAddresses(userId)).toMatchObject([{ ...ADDRESS, isDefault: true }]);
  });
});

describe("races", () => {
  it("shoppers racing for the last item: exactly one order, the others are told", async () => {
    const db = await getDb();
    await db.execute(sql`update products set stock = 1 where slug = 'pocket-knife'`);
    const shoppers: number[] = [];
    for (let i = 0; i < 6; i++) shoppers.push(await shopperWith({ "pocket-knife": 1 }));
    const ordersBefore = await countRows("orders");
    const results = await Promise.allSettled(shoppers.map((userId) => place(userId)));
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(lost).toHaveLength(5);
    for (const { reason } of lost) {
      expect(reason).toMatchObject({ code: "OUT_OF_STOCK" });
      expect(reason.message).toContain("Pocket Knife has just sold out");
    }
    expect(await stockOf("pocket-knife")).toBe(0);
    expect(await countRows("orders")).toBe(ordersBefore + 1);
  });

  it("the same idempotency key twice, concurrently, makes one order", async () => {
    const userId = await shopperWith({ "camp-mug": 2 });
    const stock = await stockOf("camp-mug");
    const key = randomUUID();
    const [first, second] = await Promise.all([place(userId, key), place(userId, key)]);
    expect(first.orderId).toBe(second.orderId);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(await listMyOrders(userId)).toHaveLength(1);
    expect(await stockOf("camp-mug")).toBe(stock - 2);
    // A retry much later still finds it, even with the cart emptied since.
    expect(await place(userId, key)).toEqual({ orderId: first.orderId, created: false });
  });

  it("a new key after an order is a new order (and needs a cart again)", async () => {
    const userId = await shopperWith({ "camp-mug": 1 });
    await place(userId);
    await expect(place(userId)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
