import { expect, test } from "./fixtures";

const PASSWORD = "correct horse battery staple";
const uniqueEmail = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}@example.test`;

test("a shopper adds to the cart, changes the quantity and removes a line", async ({ page, app }) => {
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

  await page.getByLabel("Quantity for Cast Iron Skillet").fill("100");
  await page.getByRole("button", { name: "Update" }).click({ noWaitAfter: true });
  await page.getByRole("button", { name: "Remove Cast Iron Skillet" }).click();
  await expect(page.getByRole("link", { name: "Cart, 0 items" })).toBeVisible();
  await expect(page.getByText("Your cart is empty.")).toBeVisible();
});

test("the forms work with JavaScript disabled", async ({ browser, app }) => {
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

test("log in and log out; a wrong password and an unknown email look the same", async ({ page, app }) => {
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
  await page.getByRole("button", { name: "Log in" }).click();
  const wrongPassword = await page.getByRole("main").getByRole("alert").textContent();
  await page.getByLabel("Email").fill(uniqueEmail("nobody"));
  await page.getByLabel("Password").fill("wrong password, wrong");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(wrongPassword!);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("link", { name: email })).toBeVisible();
});
