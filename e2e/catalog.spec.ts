import { expect, test } from "./fixtures";

test("the home page lists the seeded catalog from the database", async ({ page, sharedApp: app }) => {
  await page.goto(app.url);
  await expect(page.getByRole("heading", { name: "All products" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Cast Iron Skillet/ })).toBeVisible();
  expect(await page.locator(".product-card").count()).toBeGreaterThanOrEqual(24);
  await expect(page.getByRole("link", { name: "Cart, 0 items" })).toBeVisible();
});
