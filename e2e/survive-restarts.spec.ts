import { randomUUID } from "node:crypto";
import { expect, restartTest, test } from "./fixtures";
import {
  addToCart,
  cartLines,
  expectAnonymous,
  expectLoggedIn,
  login,
  logout,
  register,
  sessionCookie,
  setSessionCookie,
} from "./harness/shopper";

const PASSWORD = "a long enough password";
const email = () => `shopper-${randomUUID().slice(0, 8)}@example.test`;

// `restartTest` scenarios also run on the embedded PGlite store (e2e/fixtures.ts).
// On PGlite every start opens the embedded database in WASM, and the first one creates and seeds
// it: three starts in one test need more than the default 90 s on a loaded 2-core machine.
test.beforeEach(({ storeKind }) => {
  test.slow(storeKind === "pglite", "PGlite starts are slow");
});

restartTest(
  "an anonymous cart survives a graceful restart and a SIGKILL crash",
  async ({ page, context, app }) => {
    await addToCart(page, app.url, "camp-mug", 2);
    await addToCart(page, app.url, "brass-pen", 1);
    const before = await cartLines(page, app.url);
    expect(before).toEqual({ "Camp Mug": 2, "Brass Pen": 1 });
    const cookie = await sessionCookie(context);
    expect(cookie).toBeTruthy();

    await app.restart();
    expect(await cartLines(page, app.url)).toEqual(before);
    expect(await sessionCookie(context)).toBe(cookie);

    await app.crash();
    await app.start();
    expect(await cartLines(page, app.url)).toEqual(before);
    expect(await sessionCookie(context)).toBe(cookie);
  },
);

restartTest("a login survives a restart, with its cart", async ({ page, app }) => {
  const address = email();
  await register(page, app.url, address, PASSWORD);
  await addToCart(page, app.url, "headlamp", 3);

  await app.restart();
  await page.goto(app.url);
  await expectLoggedIn(page, address);
  expect(await cartLines(page, app.url)).toEqual({ Headlamp: 3 });
});

test("the anonymous cart merges into the account's cart at login, and the merge survives a restart", async ({
  page,
  browser,
  app,
}) => {
  const address = email();
  const elsewhere = await browser.newPage();
  await register(elsewhere, app.url, address, PASSWORD);
  await addToCart(elsewhere, app.url, "camp-mug", 1);
  await elsewhere.close();

  await addToCart(page, app.url, "camp-mug", 2);
  await addToCart(page, app.url, "brass-pen", 1);
  await login(page, app.url, address, PASSWORD);
  const merged = await cartLines(page, app.url);
  expect(merged).toEqual({ "Camp Mug": 3, "Brass Pen": 1 });

  await app.restart();
  expect(await cartLines(page, app.url)).toEqual(merged);
});

test("after logout and a restart the shopper is still logged out, and the old cookie is worthless", async ({
  page,
  context,
  app,
}) => {
  const address = email();
  await register(page, app.url, address, PASSWORD);
  const saved = (await sessionCookie(context))!;
  await logout(page, app.url);

  await app.restart();
  await page.goto(app.url);
  await expectAnonymous(page);

  await setSessionCookie(context, app.url, saved);
  const response = await page.goto(app.url);
  expect(response?.status()).toBe(200);
  await expectAnonymous(page);
  await expect(page.getByRole("link", { name: address })).toHaveCount(0);
});

test("login issues a new session cookie; the pre-login one is dead", async ({ page, context, app }) => {
  const address = email();
  await register(page, app.url, address, PASSWORD);
  await logout(page, app.url);

  await addToCart(page, app.url, "camp-mug", 1);
  const before = (await sessionCookie(context))!;
  await login(page, app.url, address, PASSWORD);
  const after = (await sessionCookie(context))!;
  expect(after).not.toBe(before);

  await setSessionCookie(context, app.url, before);
  await page.goto(app.url);
  await expectAnonymous(page);
  expect(await cartLines(page, app.url)).toEqual({});
});
