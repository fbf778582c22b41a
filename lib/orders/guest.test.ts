// @module-tag pglite
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, productIdBySlug, registeredBrowser, uniqueEmail } from "@/test/fixtures";
import { ADDRESS, stockOf } from "@/test/order-fixtures";
import { outboxMailsTo } from "@/test/outbox";
import { assertStockAndMoneyAgree } from "@/test/payment-fixtures";
import { newBrowser, useBrowser as switchToBrowser } from "@/test/request";
import { linkIn } from "@/test/smtp-sink";
import { confirmEmailChange, requestEmailChange } from "../auth/account";
import { getDb } from "../database";
import { addToMyCart } from "../my-cart";
import { getSession } from "../session";
import { hashGuestOrderToken } from "./guest-token";
import { placeGuestOrder } from "./place";
import { getOrderFor, listMyOrders } from "./queries";

beforeAll(async () => {
  await getDb();
});

/** A fresh browser with no account whose anonymous cart holds `lines`; returns its session id. */
async function guestWith(lines: Record<string, number>): Promise<string> {
  switchToBrowser(newBrowser());
  for (const [slug, quantity] of Object.entries(lines)) {
    await addToMyCart({ productId: await productIdBySlug(slug), quantity });
  }
  return (await getSession())!.id;
}

const placeAsGuest = (sessionId: string, email: string, idempotencyKey = randomUUID()) =>
  placeGuestOrder({ sessionId, email, idempotencyKey, address: ADDRESS });

const orderLinkIn = async (email: string) => {
  const [mail] = await outboxMailsTo(email);
  return new URL(linkIn(mail!, "http://localhost:3000/orders/guest?token=")).searchParams.get("token")!;
};

// Every order here gets a payment (decision 032): its state and its stock never disagree.
afterEach(assertStockAndMoneyAgree);

describe("guest checkout", () => {
  it("places the anonymous cart as an order: stock taken, the session sees it, the mailed link opens it anywhere", async () => {
    const email = uniqueEmail("guest");
    const sessionId = await guestWith({ headlamp: 2 });
    const stock = await stockOf("headlamp");
    const { orderId, created } = await placeAsGuest(sessionId, email);
    expect(created).toBe(true);
    expect(await stockOf("headlamp")).toBe(stock - 2);

    const mine = await getOrderFor({ sessionId }, orderId);
    expect(mine).toMatchObject({ id: orderId, guestEmail: email, paymentStatus: "awaiting" });
    const otherSession = await guestWith({ "brass-pen": 1 });
    await expect(getOrderFor({ sessionId: otherSession }, orderId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    const token = await orderLinkIn(email);
    expect((await getOrderFor({ token }, 0)).id).toBe(orderId);
    await expect(getOrderFor({ token: `${token.slice(0, -1)}x` }, 0)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getOrderFor({ token: "short" }, 0)).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Only the token's hash is stored.
    const db = await getDb();
    const row = await db.execute<{ access_token_hash: string; user_id: number | null }>(
      sql`select access_token_hash, user_id from orders where id = ${orderId}`,
    );
    expect(row.rows[0]).toEqual({ access_token_hash: hashGuestOrderToken(token), user_id: null });
    expect(JSON.stringify(row.rows)).not.toContain(token);
  });

  it("the same form twice, even at once, makes one order; another session's copy of the key is refused", async () => {
    const email = uniqueEmail("guest");
    const sessionId = await guestWith({ "camp-mug": 1 });
    const key = randomUUID();
    const results = await Promise.all([
      placeAsGuest(sessionId, email, key),
      placeAsGuest(sessionId, email, key),
    ]);
    expect(new Set(results.map((r) => r.orderId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const stranger = await guestWith({ "camp-mug": 1 });
    await expect(placeAsGuest(stranger, uniqueEmail(), key)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("two guests racing for the last one: one order, the other told, stock never below zero", async () => {
    const db = await getDb();
    await db.execute(sql`update products set stock = 1 where slug = 'tea-infuser'`);
    const a = await guestWith({ "tea-infuser": 1 });
    const b = await guestWith({ "tea-infuser": 1 });
    const results = await Promise.allSettled([
      placeAsGuest(a, uniqueEmail()),
      placeAsGuest(b, uniqueEmail()),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "OUT_OF_STOCK" } });
    expect(await stockOf("tea-infuser")).toBe(0);
  });

  it("a confirmed email change to the guest's address attaches those orders to the account", async () => {
    const guestEmail = uniqueEmail("later");
    const sessionId = await guestWith({ "linen-apron": 1 });
    const { orderId } = await placeAsGuest(sessionId, guestEmail);
    const { browser, userId } = await registeredBrowser();
    switchToBrowser(browser);
    expect(await listMyOrders(userId)).toEqual([]);
    await requestEmailChange({ currentPassword: PASSWORD, newEmail: guestEmail });
    const mails = await outboxMailsTo(guestEmail);
    const confirm = mails.find((m) => m.kind !== "order-placed")!;
    const token = new URL(linkIn(confirm, "http://localhost:3000/")).searchParams.get("token")!;
    await confirmEmailChange(token);
    expect((await listMyOrders(userId)).map((o) => o.id)).toEqual([orderId]);
    // The anonymous session no longer owns it; the mailed link still opens it.
    await expect(getOrderFor({ sessionId }, orderId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getOrderFor({ token: await orderLinkIn(guestEmail) }, 0)).id).toBe(orderId);
  });
});
