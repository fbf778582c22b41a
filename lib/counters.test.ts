// @module-tag pglite
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  getOrCreateSession,
  PASSWORD,
  productIdBySlug,
  registeredBrowser,
  sessionCookie,
} from "@/test/fixtures";
import { ADDRESS } from "@/test/order-fixtures";
import { newBrowser, type TestBrowser, useBrowser } from "@/test/request";
import { login } from "./auth";
import { addToCart, cartOwnerOf, getCart, removeFromCart, setCartQuantity } from "./cart";
import { getDb } from "./database";
import { markAllRead } from "./notifications";
import { placeOrder } from "./orders/place";
import { moveOrder } from "./orders/status";
import { markPaidByStaff } from "./payment/staff";
import { resolveSessionCookie } from "./session/resolve";

/**
 * carts.item_count and users.unread_count are kept by triggers (docs/decisions/025) and the session
 * read shows them as they are. These tests drive every writer of cart lines and notifications and
 * then recount from the rows themselves, over the whole database (other test files write too: their
 * rows must also add up).
 */
async function drift(): Promise<{ carts: unknown[]; users: unknown[] }> {
  const db = await getDb();
  const carts = await db.execute(sql`
    select c.id, c.item_count, coalesce(sum(ci.quantity), 0)::int as counted
    from carts c left join cart_items ci on ci.cart_id = c.id
    group by c.id having c.item_count <> coalesce(sum(ci.quantity), 0)`);
  const users = await db.execute(sql`
    select u.id, u.unread_count, count(n.id)::int as counted
    from users u left join notifications n on n.user_id = u.id and n.read_at is null
    group by u.id having u.unread_count <> count(n.id)`);
  return { carts: carts.rows, users: users.rows };
}

/** What the header would show for this browser: the one session read. */
async function badge(browser: TestBrowser): Promise<{ cart: number; unread: number }> {
  const { session } = await resolveSessionCookie(sessionCookie(browser));
  if (!session) throw new Error("the browser has no live session");
  return { cart: session.cartCount, unread: session.unreadCount };
}

beforeAll(async () => {
  await getDb();
});

describe("cart and unread counts kept by triggers", () => {
  it("follow a shopper from an anonymous cart through login, checkout and notifications", async () => {
    const [bottle, mat, blanket] = await Promise.all(
      ["trail-bottle", "felt-desk-mat", "wool-blanket"].map((slug) => productIdBySlug(slug)),
    );
    const { email, userId } = await registeredBrowser();
    await addToCart({ userId }, mat!, 2); // the account already has a line when the guest logs in

    const guest = newBrowser();
    const anonymous = cartOwnerOf(await getOrCreateSession());
    await addToCart(anonymous, bottle!, 3);
    await addToCart(anonymous, mat!, 1);
    await addToCart(anonymous, blanket!, 4);
    await setCartQuantity(anonymous, bottle!, 1);
    await removeFromCart(anonymous, blanket!);
    expect(await badge(guest)).toEqual({ cart: 2, unread: 0 });
    expect((await getCart(anonymous)).itemCount).toBe(2);
    expect(await drift()).toEqual({ carts: [], users: [] });

    useBrowser(guest);
    await login({ email, password: PASSWORD }); // merges 1 bottle + 1 mat into the account's 2 mats
    expect(await badge(guest)).toEqual({ cart: 4, unread: 0 });
    expect(await drift()).toEqual({ carts: [], users: [] });

    const { orderId } = await placeOrder({
      userId,
      idempotencyKey: randomUUID(),
      shipTo: { address: ADDRESS, save: false },
    });
    expect(await badge(guest)).toEqual({ cart: 0, unread: 1 });
    await markPaidByStaff({ orderId, actor: "test" }); // packed only once paid (decision 032)
    await moveOrder({ orderId, to: "packed", actor: "test" });
    expect(await badge(guest)).toEqual({ cart: 0, unread: 3 });
    expect(await drift()).toEqual({ carts: [], users: [] });

    expect(await markAllRead(userId)).toBe(3);
    expect(await badge(guest)).toEqual({ cart: 0, unread: 0 });
    expect(await drift()).toEqual({ carts: [], users: [] });
  });

  it("stay exact under concurrent adds, sets, removes and a checkout on one cart, with no deadlock", async () => {
    const ids = await Promise.all(
      ["trail-bottle", "felt-desk-mat", "wool-blanket", "folding-stool"].map((slug) => productIdBySlug(slug)),
    );
    const { userId } = await registeredBrowser();
    const owner = { userId };
    const work = Array.from({ length: 60 }, (_, k) => {
      const product = ids[k % ids.length]!;
      if (k === 30)
        return placeOrder({
          userId,
          idempotencyKey: randomUUID(),
          shipTo: { address: ADDRESS, save: false },
        });
      if (k % 5 === 3) return setCartQuantity(owner, product, 2);
      if (k % 7 === 6) return removeFromCart(owner, product);
      return addToCart(owner, product, 1);
    });
    const outcomes = await Promise.allSettled(work);
    // A set or a checkout may meet an empty cart (NOT_FOUND, VALIDATION); a deadlock would be a 40P01.
    const failures = outcomes.flatMap((o) =>
      o.status === "rejected" ? [o.reason as { code?: string }] : [],
    );
    expect(failures.filter((f) => !["NOT_FOUND", "VALIDATION", "CONFLICT"].includes(f.code ?? ""))).toEqual(
      [],
    );
    expect(outcomes.filter((o) => o.status === "fulfilled").length).toBeGreaterThan(30);
    expect(await drift()).toEqual({ carts: [], users: [] });
  });

  it("go with the cart when the session that owns it is deleted", async () => {
    const guest = newBrowser();
    const owner = cartOwnerOf(await getOrCreateSession());
    await addToCart(owner, await productIdBySlug("trail-bottle"), 2);
    expect(await badge(guest)).toEqual({ cart: 2, unread: 0 });
    const db = await getDb();
    await db.execute(sql`delete from sessions where id = ${"sessionId" in owner ? owner.sessionId : ""}`);
    expect(await drift()).toEqual({ carts: [], users: [] });
  });
});
