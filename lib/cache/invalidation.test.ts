import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOrCreateSession, productIdBySlug, registeredBrowser } from "@/test/fixtures";
import { ADDRESS } from "@/test/order-fixtures";
import { newBrowser } from "@/test/request";
import { updateProduct } from "../admin/products";
import { addToCart, getCart, removeFromCart, setCartQuantity } from "../cart";
import { getDb, withDb } from "../database";
import { createNotification, markAllRead } from "../notifications";
import { placeOrder } from "../orders/place";
import { sessionPolicy } from "../session/policy";
import { sessionEvictionKeys } from "../session/resolve";
import { deleteSession, deleteUserSessions, findSession, renewSession } from "../session/store";
import { CacheListener } from "./listener";
import { CacheStore, type EvictionKey, productKey, sessionKey, userKey } from "./store";

// The bound the issue sets for revocation on another instance.
const BOUND_MS = 100;

/**
 * Another instance: its own store and its own listening connection to the same database. Each kind
 * of change the cache depends on is made through the app's own functions (or SQL where the app has
 * no function yet), and must remove the entry there within the bound.
 */
describe.runIf(process.env.KEEPCART_TEST_BASE_URL)(
  "every change evicts on another listening instance",
  () => {
    const store = new CacheStore<unknown, unknown>(1000);
    const waiters: { key: EvictionKey; resolve: (at: number) => void }[] = [];
    const seen: EvictionKey[] = [];
    let listener: CacheListener;

    beforeAll(async () => {
      await getDb(); // migrated
      listener = new CacheListener({
        url: process.env.DATABASE_URL!,
        leaseMs: 1000,
        connectTimeoutMs: 5000,
        onEvict: (key) => {
          const at = performance.now();
          seen.push(key);
          store.evict(key);
          for (const w of waiters.filter((w) => w.key === key)) w.resolve(at);
        },
        onReset: () => store.clear(),
      });
      listener.start();
      await listener.whenUsable();
    });
    afterAll(() => listener.stop());

    /** Fills `entry`, makes `change`, and returns how long after the change returned it was evicted. */
    async function evictionDelay(
      entry: { session: string; userId: number | null } | { cart: EvictionKey; productIds: number[] },
      evictedBy: EvictionKey,
      change: () => Promise<unknown>,
    ): Promise<number> {
      if ("session" in entry) {
        store.putSession(
          store.ticket(),
          entry.session,
          { cached: true },
          sessionEvictionKeys({ id: entry.session, userId: entry.userId }),
        );
      } else {
        store.putCart(store.ticket(), entry.cart, { cached: true }, [
          entry.cart,
          ...entry.productIds.map(productKey),
        ]);
      }
      const present = () =>
        "session" in entry ? store.getSession(entry.session) : store.getCart(entry.cart);
      expect(present()).toBeDefined();
      const evicted = new Promise<number>((resolve) => waiters.push({ key: evictedBy, resolve }));
      await change();
      const returned = performance.now();
      const at = await Promise.race([
        evicted,
        new Promise<number>((r) => setTimeout(() => r(Number.NaN), 2000)),
      ]);
      waiters.length = 0;
      expect(at, `no ${evictedBy} within 2 s`).not.toBeNaN();
      expect(present()).toBeUndefined();
      return Math.max(0, at - returned);
    }

    async function shopper() {
      const { userId } = await registeredBrowser();
      const session = await getOrCreateSession();
      return { userId, sessionId: session.id };
    }

    const now = () => new Date();

    it("session created (a notification names it), renewed, logged out", async () => {
      newBrowser();
      const created = await getOrCreateSession();
      await expect.poll(() => seen.includes(sessionKey(created.id))).toBe(true);

      const later = new Date(Date.now() + 2 * sessionPolicy().renewalMs);
      const renew = () => withDb((db) => renewSession(db, created.id, later, sessionPolicy()));
      expect(
        await evictionDelay({ session: created.id, userId: null }, sessionKey(created.id), renew),
      ).toBeLessThan(BOUND_MS);

      const logout = () => withDb((db) => deleteSession(db, created.id));
      expect(
        await evictionDelay({ session: created.id, userId: null }, sessionKey(created.id), logout),
      ).toBeLessThan(BOUND_MS);
    });

    it("signed out everywhere: every session of the user, each by its own key", async () => {
      const { userId, sessionId } = await shopper();
      const everywhere = () => withDb((db) => deleteUserSessions(db, userId));
      expect(
        await evictionDelay({ session: sessionId, userId }, sessionKey(sessionId), everywhere),
      ).toBeLessThan(BOUND_MS);
      expect(await withDb((db) => findSession(db, sessionId, now()))).toBeNull();
    });

    it("password or email changed", async () => {
      const { userId, sessionId } = await shopper();
      const db = await getDb();
      const password = () => db.execute(sql`update users set password_hash = 'changed' where id = ${userId}`);
      expect(await evictionDelay({ session: sessionId, userId }, userKey(userId), password)).toBeLessThan(
        BOUND_MS,
      );
      const email = () =>
        db.execute(sql`update users set email = ${`new-${randomUUID()}@example.test`} where id = ${userId}`);
      expect(await evictionDelay({ session: sessionId, userId }, userKey(userId), email)).toBeLessThan(
        BOUND_MS,
      );
    });

    it("cart line added, changed, removed: the user's cart and every session showing its count", async () => {
      const { userId, sessionId } = await shopper();
      const mug = await productIdBySlug("camp-mug");
      const owner = { userId };
      const cart = { cart: userKey(userId), productIds: [mug] };
      const key = userKey(userId);
      expect(await evictionDelay(cart, key, () => addToCart(owner, mug, 1))).toBeLessThan(BOUND_MS);
      expect(
        await evictionDelay({ session: sessionId, userId }, key, () => addToCart(owner, mug, 1)),
      ).toBeLessThan(BOUND_MS);
      expect(await evictionDelay(cart, key, () => setCartQuantity(owner, mug, 3))).toBeLessThan(BOUND_MS);
      expect(await evictionDelay(cart, key, () => removeFromCart(owner, mug))).toBeLessThan(BOUND_MS);
    });

    it("an anonymous cart's line added: its session's cart and count", async () => {
      newBrowser();
      const session = await getOrCreateSession();
      const pen = await productIdBySlug("brass-pen");
      const owner = { sessionId: session.id };
      const key = sessionKey(session.id);
      expect(
        await evictionDelay({ cart: key, productIds: [] }, key, () => addToCart(owner, pen, 1)),
      ).toBeLessThan(BOUND_MS);
      expect(
        await evictionDelay({ session: session.id, userId: null }, key, () => addToCart(owner, pen, 1)),
      ).toBeLessThan(BOUND_MS);
    });

    it("order placed: the buyer's cart and count, and other carts showing the products it took stock of", async () => {
      const { userId, sessionId } = await shopper();
      const lamp = await productIdBySlug("headlamp");
      await addToCart({ userId }, lamp, 1);
      const other = await shopper();
      await addToCart({ userId: other.userId }, lamp, 1);
      const place = () =>
        placeOrder({ userId, idempotencyKey: randomUUID(), shipTo: { address: ADDRESS, save: false } });
      store.putCart(store.ticket(), userKey(other.userId), {}, [userKey(other.userId), productKey(lamp)]);
      expect(await evictionDelay({ session: sessionId, userId }, userKey(userId), place)).toBeLessThan(
        BOUND_MS,
      );
      await expect.poll(() => store.getCart(userKey(other.userId))).toBeUndefined();
      expect((await getCart({ userId })).lines).toEqual([]);
    });

    it("notification created and read: the unread count", async () => {
      const { userId, sessionId } = await shopper();
      const create = () =>
        withDb((db) =>
          db.transaction((tx) => createNotification(tx, { userId, message: "Your order shipped." })),
        );
      expect(await evictionDelay({ session: sessionId, userId }, userKey(userId), create)).toBeLessThan(
        BOUND_MS,
      );
      expect(
        await evictionDelay({ session: sessionId, userId }, userKey(userId), () => markAllRead(userId)),
      ).toBeLessThan(BOUND_MS);
    });

    it("product price, stock and name changed by staff: every cart showing it", async () => {
      const { userId } = await shopper();
      const mug = await productIdBySlug("camp-mug");
      await addToCart({ userId }, mug, 1);
      const cart = { cart: userKey(userId), productIds: [mug] };
      const price = () =>
        updateProduct({ productId: mug, priceCents: 1234, stock: 50, active: true, actor: "staff" });
      expect(await evictionDelay(cart, productKey(mug), price)).toBeLessThan(BOUND_MS);
      const stock = () =>
        updateProduct({ productId: mug, priceCents: 1234, stock: 49, active: true, actor: "staff" });
      expect(await evictionDelay(cart, productKey(mug), stock)).toBeLessThan(BOUND_MS);
      const db = await getDb();
      const name = () => db.execute(sql`update products set name = 'Camp Mug II' where id = ${mug}`);
      expect(await evictionDelay(cart, productKey(mug), name)).toBeLessThan(BOUND_MS);
    });

    it("a write that changes nothing a cache shows sends nothing", async () => {
      const { userId } = await shopper();
      const db = await getDb();
      // Notifications arrive in commit order: once a marker sent now is heard, so is everything
      // shopper() committed (its session's key once arrived after a plain reset, under load).
      await db.execute(sql`select pg_notify('keepcart_cache', 'u:0')`);
      await expect.poll(() => seen.includes(userKey(0))).toBe(true);
      seen.length = 0;
      await db.execute(sql`update users set email = email where id = ${userId}`);
      await db.execute(sql`select pg_notify('keepcart_cache', 'u:0')`); // a marker that does arrive
      await expect.poll(() => seen.includes(userKey(0))).toBe(true);
      expect(seen).toEqual([userKey(0)]);
    });
  },
);
