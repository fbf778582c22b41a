import sharp from "sharp";
import { expect, test } from "./fixtures";
import { TEST_ADMIN } from "./harness/app-server";

test("the home page lists the seeded catalog from the database, 12 a page, each with its picture", async ({
  page,
  sharedApp: app,
}) => {
  await page.goto(app.url);
  await expect(page.getByRole("heading", { name: "All products" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Cast Iron Skillet/ })).toBeVisible();
  await expect(page.locator(".product-card")).toHaveCount(12);
  await expect(page.getByRole("link", { name: "Cart, 0 items" })).toBeVisible();
  // Every card's picture comes from /images/<hash>/<width>, no two are the same, and each answers
  // as an image. (The browser loads below-the-fold pictures lazily, so "loaded" is asked of the server.)
  const sources = await page
    .locator(".product-card img")
    .evaluateAll((imgs) => (imgs as HTMLImageElement[]).map((img) => img.getAttribute("src") ?? ""));
  for (const src of sources) expect(src).toMatch(/^\/images\/[0-9a-f]{32}\/\d+$/);
  expect(new Set(sources).size).toBe(12);
  for (const src of sources) {
    const picture = await fetch(`${app.url}${src}`);
    expect(picture.status, src).toBe(200);
    expect(picture.headers.get("content-type"), src).toMatch(/^image\//);
    expect((await picture.arrayBuffer()).byteLength, src).toBeGreaterThan(500);
  }
  const favicon = await fetch(`${app.url}/favicon.ico`);
  expect(favicon.status).toBe(200);
});

test("without JavaScript: sort, page through, search, and find the way back from no results", async ({
  browser,
  app,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(app.url);
  await expect(page.getByText("Showing 1–12 of 28 products")).toBeVisible();

  await page.getByLabel("Sort by").selectOption({ label: "Price: low to high" });
  await page.getByRole("button", { name: "Sort", exact: true }).click();
  await expect(page).toHaveURL(/\/\?sort=price-asc$/);
  const prices = async () =>
    (await page.locator(".product-card .product-price").allTextContents()).map((t) =>
      Number(t.replace(/[£,]/g, "")),
    );
  const first = await prices();
  expect(first).toEqual([...first].sort((a, b) => a - b));

  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Page 2" }).click();
  await expect(page).toHaveURL(/\/\?sort=price-asc&page=2$/);
  await expect(page.getByText("Showing 13–24 of 28 products")).toBeVisible();
  const second = await prices();
  expect(second[0]).toBeGreaterThanOrEqual(first.at(-1)!);
  await expect(page.getByRole("link", { name: "Page 2" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: /Next/ }).click();
  await expect(page.getByText("Showing 25–28 of 28 products")).toBeVisible();

  await page.getByRole("navigation", { name: "Categories" }).getByRole("link", { name: "Desk" }).click();
  await expect(page.getByRole("heading", { name: "Desk", level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/\?category=desk&sort=price-asc$/);

  await page.getByRole("searchbox", { name: "Search products" }).fill("lamp");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: "Results for “lamp” (1)" })).toBeVisible();

  await page.goto(`${app.url}/?q=zzz`);
  await expect(page.getByRole("heading", { name: "No products match “zzz”" })).toBeVisible();
  await page.getByRole("link", { name: "Clear the search" }).click();
  await expect(page.getByRole("heading", { name: "All products" })).toBeVisible();

  // A page past the end (a stale link) lands on the last one.
  await page.goto(`${app.url}/?page=9`);
  await expect(page).toHaveURL(/\/\?page=3$/);
  await context.close();
});

test("staff create a product with a picture and it appears in the catalog, cached for good", async ({
  browser,
  app,
}) => {
  const staff = await browser.newContext({
    httpCredentials: { username: TEST_ADMIN.username, password: TEST_ADMIN.password, send: "always" },
  });
  const page = await staff.newPage();
  await page.goto(`${app.url}/admin/products/new`);
  await page.getByLabel("Name").fill("Storm Lantern");
  await page.getByLabel("Description").fill("A paraffin lantern that stays lit in a gale.");
  await page.getByLabel("Price (£)").fill("12");
  await page.getByLabel("Stock").fill("4");
  await page.getByLabel("Category").selectOption({ label: "Outdoors" });
  // The price is fine; make a mistake elsewhere first: every field keeps what was typed.
  await page.getByLabel("Slug (the address: /products/…)").fill("Not A Slug");
  await page.getByRole("button", { name: "Create product" }).click();
  const form = page.locator("form.admin-form");
  await expect(form.getByRole("alert")).toHaveText("Check the field marked below.");
  await expect(page.getByLabel("Slug (the address: /products/…)")).toBeFocused();
  await expect(page.getByLabel("Name")).toHaveValue("Storm Lantern");

  await page.getByLabel("Slug (the address: /products/…)").fill("");
  const png = await sharp({ create: { width: 900, height: 900, channels: 3, background: "#2f6b3a" } })
    .png()
    .toBuffer();
  await page
    .getByLabel("Picture")
    .setInputFiles({ name: "lantern.jpg", mimeType: "image/jpeg", buffer: png });
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page).toHaveURL(/\/admin\/products\/\d+\?created=1$/);
  await expect(form.getByRole("status")).toHaveText("Storm Lantern is created.");

  const shopper = await browser.newPage();
  await shopper.goto(`${app.url}/?category=outdoors&sort=newest`);
  const card = shopper.locator(".product-card").first();
  await expect(card).toContainText("Storm Lantern");
  await expect(card).toContainText("Only 4 left");
  const src = await card.locator("img").evaluate((img: HTMLImageElement) => img.currentSrc);
  expect(src).toMatch(/\/images\/[0-9a-f]{32}\/\d+$/);
  const served = await fetch(src);
  expect(served.status).toBe(200);
  expect(served.headers.get("content-type")).toBe("image/webp");
  expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  await shopper.getByRole("link", { name: /Storm Lantern/ }).click();
  await expect(shopper.getByRole("heading", { name: "Storm Lantern" })).toBeVisible();
  await expect(shopper.locator('meta[property="og:image"]')).toHaveAttribute(
    "content",
    /\/images\/[0-9a-f]{32}\/1080$/,
  );
  await staff.close();
});
