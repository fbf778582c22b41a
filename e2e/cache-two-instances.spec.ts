import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext } from "@playwright/test";
import { PgBouncer, pgbouncerMissing } from "../test/pgbouncer";
import { expect, requireComponent, test } from "./fixtures";
import type { AppServer } from "./harness/app-server";
import { TEST_ADMIN } from "./harness/app-server";
import {
  addToCart,
  cartLines,
  expectAnonymous,
  expectLoggedIn,
  logout,
  register,
  sessionCookie,
  setSessionCookie,
} from "./harness/shopper";

const PASSWORD = "a long enough password";

// Two instances as on Vercel with Neon: the app's pool through a real PgBouncer in transaction mode
// (no named prepared statements through Debian's 1.18), each instance's cache listening over the
// direct URL. Every check below first makes sure the instance that must change its answer holds
// the entry in its cache, so a cache that missed a change would fail it.
test.beforeEach(() => requireComponent(pgbouncerMissing));
test.setTimeout(300_000); // a pooler, two servers and a staff page on a shared machine

async function twoInstances(
  database: { url?: string },
  startApp: (o: { databaseUrl: string; env: Record<string, string> }) => Promise<AppServer>,
) {
  const direct = database.url!;
  const bouncer = new PgBouncer({ upstreamUrl: direct });
  await bouncer.start();
  const pooled = bouncer.url(new URL(direct).pathname.slice(1));
  const env = { DATABASE_URL_UNPOOLED: direct, DB_PREPARED_STATEMENTS: "off" };
  const [a, b] = await Promise.all([
    startApp({ databaseUrl: pooled, env }),
    startApp({ databaseUrl: pooled, env }),
  ]);
  return { a, b, bouncer };
}

async function staff(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    httpCredentials: { username: TEST_ADMIN.username, password: TEST_ADMIN.password, send: "always" },
  });
}

/** The instance's cache as its staff health route reports it. */
async function cacheOf(context: BrowserContext, app: AppServer) {
  const response = await context.request.get(`${app.url}/api/admin/health`);
  expect(response.status()).toBe(200);
  return (await response.json()).cache as {
    mode: string;
    usable: boolean;
    entries: { sessions: number; carts: number };
    stats: { hits: number };
  };
}

/** A browser that has not written for a while: its reads may come from the cache. */
async function forgetOwnWrites(context: BrowserContext): Promise<void> {
  await context.clearCookies({ name: "kc_fresh" });
}

test("log out on A: the same cookie on B is refused; add on A: B shows it; a price change: both show it", async ({
  page,
  context,
  browser,
  database,
  startApp,
}) => {
  const { a, b, bouncer } = await twoInstances(database, startApp);
  const admin = await staff(browser);
  try {
    for (const app of [a, b])
      expect(await cacheOf(admin, app)).toMatchObject({ mode: "listening", usable: true });

    await test.step("log out on A: a copy of the cookie is refused on B", async () => {
      const email = `cache-${randomUUID().slice(0, 8)}@example.test`;
      await register(page, a.url, email, PASSWORD);
      const cookie = (await sessionCookie(context))!;
      const thief = await browser.newContext();
      await setSessionCookie(thief, b.url, cookie);
      const thiefPage = await thief.newPage();
      await thiefPage.goto(b.url);
      await expectLoggedIn(thiefPage, email);
      const before = (await cacheOf(admin, b)).stats.hits;
      await thiefPage.goto(`${b.url}/cart`);
      await expectLoggedIn(thiefPage, email);
      expect((await cacheOf(admin, b)).stats.hits).toBeGreaterThan(before); // B answers from its cache

      await logout(page, a.url);
      await thiefPage.goto(b.url);
      await expectAnonymous(thiefPage);
      await thief.close();
    });

    await test.step("add on A: the next request on B shows the new count", async () => {
      await addToCart(page, a.url, "camp-mug", 2);
      await forgetOwnWrites(context);
      expect(await cartLines(page, b.url)).toEqual({ "Camp Mug": 2 });
      expect(await cartLines(page, b.url)).toEqual({ "Camp Mug": 2 }); // now cached on B
      // The shopper's own write: B must not answer from the entry it holds, notified or not.
      await addToCart(page, a.url, "brass-pen", 1);
      expect(await cartLines(page, b.url)).toEqual({ "Camp Mug": 2, "Brass Pen": 1 });
      await expect(page.getByRole("link", { name: "Cart, 3 items" })).toBeVisible();
    });

    await test.step("staff change a price on A: both instances show it", async () => {
      await forgetOwnWrites(context);
      for (const app of [a, b]) {
        await cartLines(page, app.url);
        await cartLines(page, app.url); // cached on both
        await expect(page.getByText("£31.50 each")).toHaveCount(0);
      }
      const staffPage = await admin.newPage();
      await staffPage.goto(`${a.url}/admin/products`);
      await staffPage.getByLabel("Price of Brass Pen in pounds").fill("31.50");
      await staffPage.getByRole("button", { name: "Save Brass Pen" }).click();
      await expect(staffPage.getByRole("row", { name: /Brass Pen/ }).getByRole("status")).toContainText(
        "Saved: £31.50",
      );
      for (const app of [b, a]) {
        await page.goto(`${app.url}/cart`);
        await expect(page.getByText("£31.50 each")).toBeVisible();
      }
    });
  } finally {
    await admin.close();
    await Promise.all([a.stop(), b.stop()]); // before their pooler goes
    await bouncer.close();
  }
});
