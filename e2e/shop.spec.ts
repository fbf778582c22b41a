import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { loginAs, seedSession } from "./harness/session";
import { setSessionCookie } from "./harness/shopper";

const PASSWORD = "correct horse battery staple";
/** Clicks a submit button and waits for its server action's answer (React then resets the form). */
async function submitAndSettle(page: Page, button: string): Promise<void> {
  await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined,
    ),
    page.getByRole("button", { name: button }).click(),
  ]);
  // The answer streams after its headers; React resets the form when it commits the result, in the
  // same render that ends the pending state. Fields filled before then are wiped: wait for it.
  await expect(page.locator("form[aria-busy='true']")).toHaveCount(0);
}

const uniqueEmail = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}@example.test`;

test("a shopper adds to the cart, changes the quantity and removes a line", async ({
  page,
  sharedApp: app,
}) => {
  await page.goto(`${app.url}/products/cast-iron-skillet`);
  await expect(page.getByRole("heading", { name: "Cast Iron Skillet" })).toBeVisible();
  await page.getByLabel("Quantity").fill("2");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("link", { name: "Cart, 2 items" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("status")).toContainText("2 in cart");

  await page.getByRole("link", { name: "Cart, 2 items" }).click();
  await expect(page.getByRole("heading", { name: "Your cart" })).toBeVisible();
  await page.getByLabel("Quantity for Cast Iron Skillet").fill("3");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByRole("link", { name: "Cart, 3 items" })).toBeVisible();
  await expect(page.getByText("Subtotal (3 items)")).toBeVisible();

  // More than the stock (40): refused with a reason, and the optimistic count snaps back.
  await page.getByLabel("Quantity for Cast Iron Skillet").fill("41");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "You can have at most 40 of Cast Iron Skillet in your cart.",
  );
  await expect(page.getByRole("link", { name: "Cart, 3 items" })).toBeVisible();
  await page.getByRole("button", { name: "Remove Cast Iron Skillet" }).click();
  await expect(page.getByRole("link", { name: "Cart, 0 items" })).toBeVisible();
  await expect(page.getByText("Your cart is empty.")).toBeVisible();
});

test("the forms work with JavaScript disabled", async ({ browser, sharedApp: app }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${app.url}/products/camp-mug`);
  await page.getByLabel("Quantity").fill("4");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("link", { name: "Cart, 4 items" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("status")).toContainText("4 in cart");

  await page.getByLabel("Quantity").fill("99");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Only");
  await expect(page.getByRole("link", { name: "Cart, 4 items" })).toBeVisible();

  await page.goto(`${app.url}/cart`);
  await page.getByLabel("Quantity for Camp Mug").fill("2");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByRole("link", { name: "Cart, 2 items" })).toBeVisible();

  const email = uniqueEmail("nojs");
  await page.goto(`${app.url}/register`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("link", { name: email })).toBeVisible();
  await expect(page.getByRole("link", { name: "Cart, 2 items" })).toBeVisible();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Cart, 0 items" })).toBeVisible();
  await context.close();
});

test("log in and log out; a wrong password and an unknown email look the same", async ({
  page,
  sharedApp: app,
}) => {
  const email = uniqueEmail("login");
  await page.goto(`${app.url}/register`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("too short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("at least 12 characters");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("link", { name: email })).toBeVisible();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();

  await page.goto(`${app.url}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong password, wrong");
  await submitAndSettle(page, "Log in");
  const wrongPassword = await page.getByRole("main").getByRole("alert").textContent();
  await page.getByLabel("Email").fill(uniqueEmail("nobody"));
  await page.getByLabel("Password").fill("wrong password, wrong");
  await submitAndSettle(page, "Log in");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(wrongPassword!);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("link", { name: email })).toBeVisible();
});

test("browse, add to cart, register from the checkout, place the order, see it and its notification", async ({
  page,
  sharedApp: app,
}) => {
  await page.goto(app.url);
  await page.getByRole("navigation", { name: "Categories" }).getByRole("link", { name: "Outdoors" }).click();
  await expect(page.getByRole("heading", { name: "Outdoors" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search products" }).fill("headlamp");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: "Results for “headlamp” (1)" })).toBeVisible();
  await page.getByRole("link", { name: "Headlamp" }).click();

  await page.getByLabel("Quantity").fill("2");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("2 in cart");
  await page.getByRole("link", { name: "Cart, 2 items" }).click();
  await page.getByRole("link", { name: "Go to checkout" }).click();

  // No account needed to check out (a guest gives an email); this shopper chooses to register.
  await expect(page.getByText("Checking out as a guest.")).toBeVisible();
  await page.getByRole("link", { name: "create an account" }).click();
  await expect(page.getByRole("heading", { name: "Create account" })).toBeVisible();
  const email = uniqueEmail("walk");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Cart, 2 items" })).toBeVisible();
  await page.getByLabel("Full name").fill("Ada Lovelace");
  await page.getByLabel("Street address").fill("12 St James's Square");
  await page.getByLabel("Town or city").fill("London");
  await page.getByLabel("Postcode").fill("SW1Y 4JH");
  await page.getByLabel("Country").fill("United Kingdom");
  await page.getByRole("button", { name: /Place order/ }).click();

  await expect(page.getByRole("heading", { name: /Order #\d+/ })).toBeVisible();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your order is placed");
  await expect(page.getByRole("list", { name: "Order status" })).toContainText("Placed");
  await expect(page.getByText("2 × Headlamp")).toBeVisible();
  await expect(page.getByRole("link", { name: "Cart, 0 items" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible();

  await page.getByRole("link", { name: "Notifications, 1 unread" }).click();
  await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  await expect(page.getByText(/Order #\d+ is placed/)).toBeVisible();
  await page.getByRole("link", { name: "Orders", exact: true }).click();
  await expect(page.getByRole("link", { name: "Notifications, 0 unread" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Order #\d+/ })).toHaveCount(1);

  // The address was saved: the next checkout offers it.
  await page.goto(`${app.url}/account`);
  await expect(page.locator("address", { hasText: "12 St James's Square" })).toBeVisible();
  await expect(page.getByText(/Chrome.* on Linux/)).toBeVisible();
  await expect(page.getByText("This device")).toBeVisible();
});

test("50 parallel 'add one' through the API with the browser's cookie add exactly 50", async ({
  page,
  sharedApp: app,
}) => {
  await page.goto(`${app.url}/products/notebook-dot-grid`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  // The count moves at once (optimistic); the status line is the server's answer, cookie included.
  await expect(page.getByRole("main").getByRole("status")).toContainText("1 in cart");
  const product = await (await page.request.get(`${app.url}/api/products/notebook-dot-grid`)).json();
  const responses = await Promise.all(
    Array.from({ length: 50 }, () =>
      page.request.post(`${app.url}/api/cart/items`, {
        data: { productId: product.product.id, quantity: 1 },
        headers: { origin: app.url },
      }),
    ),
  );
  expect(responses.map((r) => r.status()).filter((s) => s !== 200)).toEqual([]);
  await page.goto(`${app.url}/cart`);
  await expect(page.getByLabel("Quantity for Dot Grid Notebook")).toHaveValue("51");
});

test("two shoppers race for the last item through the API: exactly one order", async ({
  playwright,
  sharedApp: app,
}) => {
  const shoppers = await Promise.all(
    ["a", "b"].map(async (label) => {
      const api = await playwright.request.newContext({
        baseURL: app.url,
        extraHTTPHeaders: { origin: app.url },
      });
      const registered = await api.post("/api/auth/register", {
        data: { email: uniqueEmail(`race-${label}`), password: PASSWORD },
      });
      expect(registered.status()).toBe(201);
      return api;
    }),
  );
  const { product } = await (await shoppers[0]!.get("/api/products/pocket-knife")).json();
  expect(product.stock).toBe(1);
  for (const api of shoppers) {
    const added = await api.post("/api/cart/items", { data: { productId: product.id, quantity: 1 } });
    expect(added.status()).toBe(200);
  }
  const address = {
    fullName: "A Shopper",
    line1: "1 High St",
    city: "Leeds",
    postalCode: "LS1 1AA",
    country: "UK",
  };
  const results = await Promise.all(
    shoppers.map((api, i) =>
      api.post("/api/orders", { data: { idempotencyKey: `race-key-000000000-${i}`, address } }),
    ),
  );
  const statuses = results.map((r) => r.status()).sort();
  expect(statuses).toEqual([201, 409]);
  const loser = results.find((r) => r.status() === 409)!;
  expect((await loser.json()).error).toMatchObject({ code: "OUT_OF_STOCK" });
  expect((await loser.json()).error.message).toContain("Pocket Knife has just sold out");
  const after = await (await shoppers[0]!.get("/api/products/pocket-knife")).json();
  expect(after.product.stock).toBe(0);
  for (const api of shoppers) await api.dispose();
});

test("the API refuses foreign origins, non-JSON, big bodies and bad input, changing nothing", async ({
  playwright,
  sharedApp: app,
}) => {
  const api = await playwright.request.newContext({ baseURL: app.url });
  const same = { origin: app.url };
  const add = (data: unknown, headers: Record<string, string> = {}) =>
    api.post("/api/cart/items", { data: data as object, headers: { ...same, ...headers } });

  const foreign = await add({ productId: 1, quantity: 1 }, { origin: "https://evil.example" });
  expect(foreign.status()).toBe(403);
  expect((await foreign.json()).error.code).toBe("FORBIDDEN");
  const text = await api.post("/api/cart/items", {
    data: "productId=1&quantity=1",
    headers: { ...same, "content-type": "application/x-www-form-urlencoded" },
  });
  expect(text.status()).toBe(415);
  const big = await add({ productId: 1, quantity: 1, pad: "x".repeat(20_000) });
  expect(big.status()).toBe(413);
  for (const quantity of [0, -1, 1.5, 100, "lots", 1e20]) {
    const bad = await add({ productId: 1, quantity });
    expect(bad.status(), String(quantity)).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: "BAD_INPUT", field: "quantity" });
  }
  const unknown = await add({ productId: 999_999, quantity: 1 });
  expect(unknown.status()).toBe(404);
  expect((await (await api.get("/api/cart")).json()).cart.itemCount).toBe(0);
  expect((await api.get("/api/orders")).status()).toBe(401);
  await api.dispose();
});

test("logging in merges the anonymous cart and says what had to be capped", async ({
  page,
  playwright,
  sharedApp: app,
}) => {
  const email = uniqueEmail("capped");
  const api = await playwright.request.newContext({
    baseURL: app.url,
    extraHTTPHeaders: { origin: app.url },
  });
  expect((await api.post("/api/auth/register", { data: { email, password: PASSWORD } })).status()).toBe(201);
  const { product } = await (await api.get("/api/products/paper-tray")).json(); // 3 in stock
  expect((await api.post("/api/cart/items", { data: { productId: product.id, quantity: 2 } })).status()).toBe(
    200,
  );
  await api.dispose();

  await page.goto(`${app.url}/products/paper-tray`);
  await page.getByLabel("Quantity").fill("3");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("3 in cart");
  await page.goto(`${app.url}/login?next=/cart`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Paper Tray: 3 kept of 5 wanted");
  await expect(page.getByRole("link", { name: email })).toBeVisible();
  await page.getByRole("link", { name: "Continue" }).click();
  await expect(page.getByLabel("Quantity for Paper Tray")).toHaveValue("3");
  await expect(page.getByRole("link", { name: "Cart, 3 items" })).toBeVisible();
});

test("the account page manages addresses (one default) and signs out other sessions", async ({
  page,
  browser,
  sharedApp: app,
}) => {
  // Logged in by a session row, not the form: the forms have their own tests above.
  const { userId } = await loginAs(page.context(), app, uniqueEmail("account"), PASSWORD);
  await page.goto(`${app.url}/account`);
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();

  const addAddress = async (line1: string, city: string) => {
    const form = page.locator("details", { hasText: "Add an address" });
    if (!(await form.evaluate((d) => (d as HTMLDetailsElement).open)))
      await form.getByText("Add an address").click();
    await form.getByLabel("Full name").fill("Ada Lovelace");
    await form.getByLabel("Street address").fill(line1);
    await form.getByLabel("Town or city").fill(city);
    await form.getByLabel("Postcode").fill("AB1 2CD");
    await form.getByLabel("Country").fill("United Kingdom");
    await form.getByRole("button", { name: "Add address" }).click();
    await expect(page.locator("address", { hasText: line1 })).toBeVisible();
  };
  await addAddress("1 First Street", "London");
  await addAddress("2 Second Street", "Leeds");
  const item = (line1: string) => page.getByRole("listitem").filter({ hasText: line1 });
  await expect(item("1 First Street").getByText("Default", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Make default: Ada Lovelace, 2 Second Street, Leeds" }).click();
  await expect(item("2 Second Street").getByText("Default", { exact: true })).toBeVisible();
  await expect(item("1 First Street").getByText("Default", { exact: true })).toHaveCount(0);

  await item("1 First Street").getByText("Edit").click();
  await item("1 First Street").getByLabel("Town or city").fill("");
  await item("1 First Street").getByRole("button", { name: "Save changes" }).click();
  await expect(item("1 First Street").getByRole("alert")).toHaveText("Enter the town or city.");
  await item("1 First Street").getByLabel("Town or city").fill("York");
  await item("1 First Street").getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("address", { hasText: "York" })).toBeVisible();
  await page.getByRole("button", { name: "Delete address: Ada Lovelace, 2 Second Street, Leeds" }).click();
  await expect(page.locator("address", { hasText: "2 Second Street" })).toHaveCount(0);
  await expect(item("1 First Street").getByText("Default", { exact: true })).toBeVisible();

  const phone = await browser.newContext();
  const { seal } = await seedSession(app.databaseUrl, { userId });
  await setSessionCookie(phone, app.url, seal);
  const phonePage = await phone.newPage();
  await phonePage.goto(`${app.url}/account`);
  await expect(phonePage.getByRole("heading", { name: "Your account" })).toBeVisible();
  await page.reload();
  await page.getByRole("button", { name: "Sign out other sessions" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Signed out 1 other session.");
  await phonePage.reload();
  await expect(phonePage.getByRole("link", { name: "Log in" })).toBeVisible();
  await phone.close();
});
