import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { productIdBySlug, registeredBrowser, sessionCookie } from "@/test/fixtures";
import { newBrowser, useBrowser } from "@/test/request";
import { testDatabaseKind } from "@/test/setup";
import { getDb, ready } from "../database";
import { addToMyCart, readMyCart } from "../my-cart";
import { FRESH_COOKIE, freshAfter } from "../session/cookie";
import { resolveSessionCookie, sessionEvictionKeys } from "../session/resolve";
import type { SessionRecord } from "../session/store";
import { beginFill, fillSession, sessionCacheReady, sessionCacheStatus } from "./index";

// This file runs the app's own cache (test/setup.ts turns it off for the other unit tests).
process.env.SESSION_CACHE = "auto";

const quiet = () => new Promise((resolve) => setTimeout(resolve, 200));

/** Counts every statement the app's pool sends (round trips), passing each one through. */
async function statementCounter(): Promise<() => number> {
  const store = await ready();
  if (store.kind !== "postgres") throw new Error("PostgreSQL only");
  let count = 0;
  const pool = store.pool as unknown as {
    query: (...args: unknown[]) => unknown;
    connect: (...a: unknown[]) => unknown;
  };
  const query = pool.query.bind(pool);
  const connect = pool.connect.bind(pool);
  pool.query = (...args) => {
    count++;
    return query(...args);
  };
  pool.connect = (...args) => {
    count++; // a transaction: at least one
    return connect(...args);
  };
  return () => count;
}

describe.runIf(testDatabaseKind === "postgres")("the session cache on PostgreSQL", () => {
  let statements: () => number;
  beforeAll(async () => {
    statements = await statementCounter();
    await sessionCacheReady();
  });

  it("a returning visitor's session and cart lines are read with no statement at all", async () => {
    const { browser, userId } = await registeredBrowser();
    await addToMyCart({ productId: await productIdBySlug("camp-mug"), quantity: 2 });
    await addToMyCart({ productId: await productIdBySlug("brass-pen"), quantity: 1 });
    browser.jar.delete(FRESH_COOKIE); // a minute later: the browser's own write is long notified
    await quiet();
    const seal = sessionCookie(browser)!;
    const first = await resolveSessionCookie(seal);
    expect(first.session).toMatchObject({ userId, cartCount: 3 });
    const cart = await readMyCart();
    expect(cart.itemCount).toBe(3);

    const before = statements();
    for (let i = 0; i < 20; i++) {
      expect((await resolveSessionCookie(seal)).session).toEqual(first.session);
      expect(await readMyCart()).toEqual(cart);
    }
    expect(statements() - before).toBe(0);
  });

  it("answers a browser from the database when its own write is newer than the entry", async () => {
    const { browser } = await registeredBrowser();
    const seal = sessionCookie(browser)!;
    const real = (await resolveSessionCookie(seal)).session!;
    // An entry another instance might still hold for a moment: the notification of the write that
    // made it stale is on its way. Planted here, with a ticket taken now, so the cache keeps it.
    const stale: SessionRecord = { ...real, cartCount: 42 };
    fillSession(beginFill(), real.id, stale, sessionEvictionKeys(real));
    expect((await resolveSessionCookie(seal)).session?.cartCount).toBe(42);
    // The browser's own write, one moment ago, on whichever instance: the database answers.
    expect(
      (await resolveSessionCookie(seal, new Date(), freshAfter(String(Date.now())))).session?.cartCount,
    ).toBe(0);

    // Every write the shopper makes sets that cookie.
    await addToMyCart({ productId: await productIdBySlug("camp-mug"), quantity: 1 });
    expect(Number(browser.cookieValue(FRESH_COOKIE))).toBeGreaterThan(Date.now() - 5000);
    expect((await readMyCart()).itemCount).toBe(1);
  });

  it("is not used while the listener is disconnected, and is emptied before it is used again", async () => {
    const { browser, userId } = await registeredBrowser();
    const mug = await productIdBySlug("camp-mug");
    await addToMyCart({ productId: mug, quantity: 1 });
    browser.jar.delete(FRESH_COOKIE);
    await quiet(); // the login's own notifications have arrived (they would evict the entry below)
    const seal = sessionCookie(browser)!;
    const first = (await resolveSessionCookie(seal)).session!;
    expect((await resolveSessionCookie(seal)).session).toBe(first); // the cached record itself
    const cart = await readMyCart();
    expect(await readMyCart()).toBe(cart); // the cart's cached entry too
    const status = sessionCacheStatus();
    expect(status.entries!.sessions).toBeGreaterThan(0);
    expect(status.entries!.carts).toBeGreaterThan(0);

    // The listener retries after ~100 ms; held back to ~2 s here so that the reads below surely
    // happen while it is down (on a loaded machine they could otherwise follow its reconnect).
    const listener = (globalThis as unknown as Record<symbol, { listener?: { retryDelayMs: number } }>)[
      Symbol.for("keepcart.session-cache")
    ]?.listener;
    expect(listener).toBeDefined();
    listener!.retryDelayMs = 2000;
    const db = await getDb();
    await db.execute(sql`select pg_terminate_backend(${status.backendPid!})`);
    await expect.poll(() => sessionCacheStatus().usable).toBe(false);
    // A change made while nobody listens is never announced to this instance...
    await db.execute(sql`update users set email = 'while-down@example.test' where id = ${userId}`);
    // ...and is seen anyway, because every read goes to the database now.
    const hits = sessionCacheStatus().stats!.hits;
    expect((await resolveSessionCookie(seal)).session?.email).toBe("while-down@example.test");
    // The same for the cart's lines: a quantity changed behind the cache's back is read as it is.
    await db.execute(
      sql`update cart_items set quantity = 4 where product_id = ${mug}
          and cart_id = (select id from carts where user_id = ${userId})`,
    );
    expect((await readMyCart()).itemCount).toBe(4);
    expect(sessionCacheStatus().stats!.hits).toBe(hits);
    expect(sessionCacheStatus().usable).toBe(false); // all of the above happened while it was down

    await sessionCacheReady();
    const after = sessionCacheStatus();
    expect(after.reconnects).toBeGreaterThan(status.reconnects!);
    expect(after.backendPid).not.toBe(status.backendPid);
    expect(after.entries).toEqual({ sessions: 0, carts: 0 });
    const refilled = (await resolveSessionCookie(seal)).session!;
    expect(refilled.email).toBe("while-down@example.test");
    expect((await resolveSessionCookie(seal)).session).toBe(refilled);
  });

  it("a logout on this instance is obeyed at once, before its notification arrives", async () => {
    const { browser } = await registeredBrowser();
    browser.jar.delete(FRESH_COOKIE);
    const seal = sessionCookie(browser)!;
    await resolveSessionCookie(seal);
    const stolen = newBrowser();
    stolen.jar.set("kc_session", { value: seal, options: {} });
    useBrowser(browser);
    const { logout } = await import("../auth");
    await logout();
    expect(await resolveSessionCookie(seal)).toEqual({ session: null, invalidCookie: true });
  });
});

describe.runIf(testDatabaseKind === "pglite")("the session cache on PGlite", () => {
  beforeAll(() => ready());

  it("does not run: one process, no network round trip to save, nothing to go stale", async () => {
    expect(sessionCacheStatus()).toMatchObject({ mode: "off", usable: false });
    expect(sessionCacheStatus().reason).toMatch(/PGlite/);
    const { browser, userId } = await registeredBrowser();
    const seal = sessionCookie(browser)!;
    await resolveSessionCookie(seal);
    const db = await getDb();
    await db.execute(sql`update users set email = 'renamed@example.test' where id = ${userId}`);
    expect((await resolveSessionCookie(seal)).session?.email).toBe("renamed@example.test");
    newBrowser();
  });
});
