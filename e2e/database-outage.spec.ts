import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";
import { addToCart, cartLines, expectLoggedIn, register, sessionCookie } from "./harness/shopper";

const PASSWORD = "a long enough password";

test("a database outage mid-session is a clear 503; afterwards the same cart and login are back", async ({
  page,
  context,
  faultyDatabase,
  startApp,
}) => {
  const db = faultyDatabase.proxy;
  const app = await startApp({ databaseUrl: faultyDatabase.url });
  const address = `outage-${randomUUID().slice(0, 8)}@example.test`;
  await register(page, app.url, address, PASSWORD);
  await addToCart(page, app.url, "camp-mug", 2);
  await page.goto(`${app.url}/products/brass-pen`); // a page with a cart form, loaded before the outage
  const cookie = await sessionCookie(context);

  db.down();
  const during = await page.request.get(`${app.url}/cart`);
  expect(during.status()).toBe(503);
  expect(await during.text()).toContain("temporarily unavailable");
  const shown = await page.goto(`${app.url}/`);
  expect(shown?.status()).toBe(503);
  await expect(page.getByRole("heading", { name: "Temporarily unavailable" })).toBeVisible();
  expect(await sessionCookie(context)).toBe(cookie);

  // A cart change attempted during the outage is reported as failed, not silently dropped.
  const api = await page.request.post(`${app.url}/api/cart/items`, {
    data: { productId: 1, quantity: 1 },
    headers: { origin: app.url },
  });
  expect(api.status()).toBe(503);
  expect((await api.json()).error.code).toBe("UNAVAILABLE");
  expect(await sessionCookie(context)).toBe(cookie);

  db.up();
  await page.goto(app.url);
  await expectLoggedIn(page, address);
  expect(await cartLines(page, app.url)).toEqual({ "Camp Mug": 2 });
  expect(await sessionCookie(context)).toBe(cookie);
});

test("a cart change submitted from the page during an outage shows an error and changes nothing", async ({
  page,
  faultyDatabase,
  startApp,
}) => {
  const db = faultyDatabase.proxy;
  const app = await startApp({ databaseUrl: faultyDatabase.url });
  await addToCart(page, app.url, "camp-mug", 1);
  await page.goto(`${app.url}/products/headlamp`);

  db.down();
  await page.getByLabel("Quantity").fill("2");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("temporarily unavailable");

  db.up();
  expect(await cartLines(page, app.url)).toEqual({ "Camp Mug": 1 });
});

test("a server started while the database is unreachable comes up once it is, retrying with backoff", async ({
  page,
  faultyDatabase,
  startApp,
}) => {
  const db = faultyDatabase.proxy;
  db.refuse(true);
  const startedAt = Date.now();
  const pending = startApp({
    databaseUrl: faultyDatabase.url,
    env: { DB_STARTUP_MAX_WAIT_MS: "60000" },
  });
  // Up once the server has been turned away three times (a wait on the clock would race the start of
  // a server on a busy machine, which may not have tried yet).
  await expect.poll(() => db.refused, { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  db.up();
  const app = await pending;
  expect(Date.now() - startedAt).toBeGreaterThan(1000);
  const retries = app.logs.join("").match(/database not reachable, retrying/g) ?? [];
  expect(retries.length).toBeGreaterThanOrEqual(2);
  const response = await page.goto(app.url);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "All products" })).toBeVisible();
});

test("a page render that meets the outage after the proxy let it through answers 503, not 500", async ({
  page,
  request,
  faultyDatabase,
  startApp,
}) => {
  const db = faultyDatabase.proxy;
  // Idle connections close at once, so no dropped idle connection warns the proxy first.
  const app = await startApp({
    databaseUrl: faultyDatabase.url,
    env: { DB_IDLE_TIMEOUT_MS: "1" },
  });
  // A success first: the proxy no longer suspects the database, so a cookie-less visitor's page is
  // not probed and its render is the first to meet the outage (the gap of decision 004).
  expect((await request.get(`${app.url}/api/health`)).status()).toBe(200);
  await new Promise((r) => setTimeout(r, 300));
  db.refuse(true);
  const first = await page.goto(`${app.url}/products/camp-mug`);
  expect(first?.status()).toBe(503);
  expect(first?.headers()["retry-after"]).toBe("5");
  await expect(page.getByRole("heading", { name: "Temporarily unavailable" })).toBeVisible();
  db.refuse(false);
  expect((await request.get(`${app.url}/products/camp-mug`)).status()).toBe(200);
});
