import type { Browser, Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { TEST_ADMIN } from "./harness/app-server";
import { PASSWORD, SHIP_TO } from "./pages";

// Every test here is its own shopper on the worker's shared server (no server per test).

/** A new registered shopper's browser (JavaScript on or off), with `lines` in the cart. */
async function shopper(
  browser: Browser,
  baseURL: string,
  { js = true, lines = {} as Record<string, number> } = {},
) {
  const context = await browser.newContext({
    baseURL,
    javaScriptEnabled: js,
    extraHTTPHeaders: { origin: baseURL },
  });
  const api = context.request;
  const email = `forms-${Math.random().toString(36).slice(2, 10)}@example.test`;
  expect((await api.post("/api/auth/register", { data: { email, password: PASSWORD } })).status()).toBe(201);
  for (const [slug, quantity] of Object.entries(lines)) {
    const { product } = await (await api.get(`/api/products/${slug}`)).json();
    expect((await api.post("/api/cart/items", { data: { productId: product.id, quantity } })).ok()).toBe(
      true,
    );
  }
  return { context, page: await context.newPage(), email };
}

async function itemsInCart(page: Page): Promise<number> {
  return (await (await page.request.get("/api/cart")).json()).cart.itemCount;
}

/** Holds every server action's answer for `ms`, so a test can see the form while it works. */
async function slowActions(page: Page, ms: number): Promise<void> {
  await page.route("**/*", async (route) => {
    if (route.request().headers()["next-action"]) await new Promise((r) => setTimeout(r, ms));
    await route.fallback();
  });
}

test("a double click on Add to cart adds once; the button says it is adding while it works", async ({
  browser,
  sharedApp,
}) => {
  const { context, page } = await shopper(browser, sharedApp.url);
  await slowActions(page, 800);
  await page.goto("/products/camp-mug");
  await page.getByRole("button", { name: "Add to cart" }).dblclick();
  await expect(page.getByRole("button", { name: "Adding…" })).toBeDisabled();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Added to your cart (1 in cart).");
  await expect(page.getByRole("button", { name: "Add to cart" })).toBeEnabled();
  await expect(page.getByRole("link", { name: "Cart, 1 item" })).toBeVisible();
  expect(await itemsInCart(page)).toBe(1);
  await context.close();
});

/** A form's fields as the browser would post them without JavaScript (its submit button has no name). */
async function fieldsOf(form: Locator): Promise<Record<string, string>> {
  const pairs = await form
    .locator("input")
    .evaluateAll((inputs) =>
      inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value]),
    );
  return Object.fromEntries(pairs.filter(([name]) => name));
}

test("without JavaScript, the same Add to cart form posted twice at once adds once; the next page adds again", async ({
  browser,
  sharedApp,
}) => {
  const { context, page } = await shopper(browser, sharedApp.url, { js: false });
  await page.goto("/products/camp-mug");
  const form = page.locator("form", { has: page.getByRole("button", { name: "Add to cart" }) });
  const fields = await fieldsOf(form);
  expect(fields.formToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
  // What a double click sends without JavaScript: the page's form, twice, as a plain POST.
  const answers = await Promise.all(
    [1, 2].map(() => page.request.post("/products/camp-mug", { multipart: fields })),
  );
  for (const answer of answers) {
    expect(answer.status()).toBe(200);
    expect(await answer.text()).toContain("Added to your cart (1 in cart).");
  }
  expect(await itemsInCart(page)).toBe(1);
  // The page the answer renders carries a new token: adding again on purpose adds again.
  await page.goto("/products/camp-mug");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Added to your cart (2 in cart).");
  expect(await itemsInCart(page)).toBe(2);
  await context.close();
});

test("without JavaScript, a guest's checkout form posted twice at once places one order", async ({
  browser,
  sharedApp,
}) => {
  const context = await browser.newContext({
    baseURL: sharedApp.url,
    javaScriptEnabled: false,
    extraHTTPHeaders: { origin: sharedApp.url },
  });
  const page = await context.newPage();
  await page.goto("/products/trail-bottle");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Added to your cart (1 in cart).");
  await page.goto("/checkout");
  await page.getByLabel("Email").fill(`twice-${Math.random().toString(36).slice(2, 10)}@example.test`);
  await page.getByLabel("Full name").fill(SHIP_TO.fullName);
  await page.getByLabel("Street address").fill(SHIP_TO.line1);
  await page.getByLabel("Town or city").fill(SHIP_TO.city);
  await page.getByLabel("Postcode").fill(SHIP_TO.postalCode);
  await page.getByLabel("Country").fill(SHIP_TO.country);
  const fields = await fieldsOf(
    page.locator("form", { has: page.getByRole("button", { name: /Place order/ }) }),
  );
  expect(fields.idempotencyKey).toBeTruthy();
  const answers = await Promise.all([1, 2].map(() => page.request.post("/checkout", { multipart: fields })));
  const landed = answers.map((a) => new URL(a.url()).pathname);
  expect(answers.map((a) => a.status())).toEqual([200, 200]);
  expect(landed[0]).toMatch(/^\/orders\/\d+$/);
  expect(landed[1]).toBe(landed[0]);
  await page.goto(landed[0]!);
  await expect(page.getByText("1 × Trail Bottle")).toBeVisible();
  await page.goto("/cart");
  await expect(page.getByRole("link", { name: "Cart, 0 items" })).toBeVisible();
  await context.close();
});

test("without JavaScript, the account's new-address form posted twice at once adds one address", async ({
  browser,
  sharedApp,
}) => {
  const { context, page } = await shopper(browser, sharedApp.url, { js: false });
  await page.goto("/account");
  const form = page.locator("details", { hasText: "Add an address" });
  await form.getByLabel("Full name").fill(SHIP_TO.fullName);
  await form.getByLabel("Street address").fill(SHIP_TO.line1);
  await form.getByLabel("Town or city").fill(SHIP_TO.city);
  await form.getByLabel("Postcode").fill(SHIP_TO.postalCode);
  await form.getByLabel("Country").fill(SHIP_TO.country);
  const fields = await fieldsOf(form.locator("form"));
  expect(fields.formToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
  const answers = await Promise.all([1, 2].map(() => page.request.post("/account", { multipart: fields })));
  for (const answer of answers) expect(await answer.text()).toContain("Address added.");
  await page.goto("/account");
  await expect(page.locator(".address-item")).toHaveCount(1);
  await context.close();
});

test("without JavaScript, a double click on Add to cart adds once", async ({ browser, sharedApp }) => {
  const { context, page } = await shopper(browser, sharedApp.url, { js: false });
  await page.goto("/products/camp-mug");
  await page.getByRole("button", { name: "Add to cart" }).dblclick();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Added to your cart (1 in cart).");
  expect(await itemsInCart(page)).toBe(1);
  await context.close();
});

for (const js of [true, false]) {
  test(`checkout marks every invalid field at once and focuses the first (JavaScript ${js ? "on" : "off"})`, async ({
    browser,
    sharedApp,
  }) => {
    const { context, page } = await shopper(browser, sharedApp.url, { js, lines: { "trail-bottle": 1 } });
    await page.goto("/checkout");
    await page.getByLabel("Street address").fill("  ");
    await page.getByLabel("Country").fill("United Kingdom");
    await page.getByRole("button", { name: /Place order/ }).click();

    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "4 fields need correcting: see the message under each.",
    );
    const expected = {
      "Full name": "Enter the full name.",
      "Street address": "Enter the street address.",
      "Town or city": "Enter the town or city.",
      Postcode: "Enter the postcode.",
    };
    for (const [label, message] of Object.entries(expected)) {
      const input = page.getByLabel(label, { exact: true });
      await expect(input).toHaveAttribute("aria-invalid", "true");
      await expect(input).toHaveAccessibleDescription(message);
      await expect(page.getByText(message, { exact: true })).toBeVisible();
    }
    for (const label of ["Country", "Flat, suite, etc. (optional)"]) {
      await expect(page.getByLabel(label)).not.toHaveAttribute("aria-invalid");
    }
    await expect(page.getByLabel("Country")).toHaveValue("United Kingdom");
    await expect(page.getByLabel("Full name")).toBeFocused();

    await page.getByLabel("Full name").fill(SHIP_TO.fullName);
    await page.getByLabel("Street address").fill(SHIP_TO.line1);
    await page.getByLabel("Town or city").fill(SHIP_TO.city);
    await page.getByLabel("Postcode").fill(SHIP_TO.postalCode);
    await page.getByRole("button", { name: /Place order/ }).click();
    await expect(page.getByRole("heading", { name: /Order #\d+/ })).toBeVisible();
    await context.close();
  });
}

test("the account's address form marks every invalid field at once and focuses the first", async ({
  browser,
  sharedApp,
}) => {
  const { context, page } = await shopper(browser, sharedApp.url);
  await page.goto("/account");
  const form = page.locator("details", { hasText: "Add an address" });
  await form.getByLabel("Postcode").fill("N1 1AA");
  await form.getByRole("button", { name: "Add address" }).click();
  await expect(form.getByRole("alert")).toHaveText("4 fields need correcting: see the message under each.");
  for (const label of ["Full name", "Street address", "Town or city", "Country"]) {
    await expect(form.getByLabel(label, { exact: true })).toHaveAttribute("aria-invalid", "true");
  }
  await expect(form.getByLabel("Country")).toHaveAccessibleDescription("Enter the country.");
  await expect(form.getByLabel("Postcode")).not.toHaveAttribute("aria-invalid");
  await expect(form.getByLabel("Postcode")).toHaveValue("N1 1AA");
  await expect(form.getByLabel("Full name")).toBeFocused();
  await context.close();
});

for (const js of [true, false]) {
  test(`cart messages sit by their line and go when another line changes (JavaScript ${js ? "on" : "off"})`, async ({
    browser,
    sharedApp,
  }) => {
    const { context, page } = await shopper(browser, sharedApp.url, {
      js,
      lines: { "wool-blanket": 1, "linen-apron": 1 },
    });
    await page.goto("/cart");
    const line = (name: string) => page.getByRole("listitem").filter({ hasText: name });
    await line("Wool Blanket").getByLabel("Quantity for Wool Blanket").fill("2");
    await line("Wool Blanket").getByRole("button", { name: "Update" }).click();
    await expect(line("Wool Blanket").getByRole("status")).toHaveText("Quantity updated.");
    await expect(line("Linen Apron").getByRole("status")).toHaveCount(0);

    await page.getByRole("button", { name: "Remove Linen Apron" }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText(
      "Removed Linen Apron from your cart.",
    );
    await expect(line("Linen Apron")).toHaveCount(0);
    await expect(page.getByText("Quantity updated.")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Cart, 2 items" })).toBeVisible();
    await context.close();
  });
}

test("an address reads the same on the order, the account, checkout and the admin order page", async ({
  browser,
  sharedApp,
}) => {
  const { context, page } = await shopper(browser, sharedApp.url, { lines: { "stoneware-teapot": 1 } });
  const placed = await context.request.post("/api/orders", {
    data: { idempotencyKey: `forms-${Date.now()}-address`, address: SHIP_TO, saveAddress: true },
  });
  expect(placed.status()).toBe(201);
  const { order } = await placed.json();
  const lines = [
    SHIP_TO.fullName,
    SHIP_TO.line1,
    SHIP_TO.line2,
    SHIP_TO.city,
    SHIP_TO.postalCode,
    SHIP_TO.country,
  ];
  const shown = async (path: string, where: Page = page) => {
    await where.goto(path);
    const address = where.locator(".address", { hasText: SHIP_TO.line1 }).first();
    return (await address.innerText()).split("\n").map((l) => l.trim());
  };
  expect(await shown(`/orders/${order.id}`)).toEqual(lines);
  expect(await shown("/account")).toEqual(lines);
  await context.request.post("/api/cart/items", {
    data: { productId: order.items[0].productId, quantity: 1 },
  });
  expect(await shown("/checkout")).toEqual(lines);

  const staff = await browser.newContext({
    baseURL: sharedApp.url,
    httpCredentials: { username: TEST_ADMIN.username, password: TEST_ADMIN.password },
  });
  expect(await shown(`/admin/orders/${order.id}`, await staff.newPage())).toEqual(lines);
  await staff.close();
  await context.close();
});
