import { linkIn } from "../test/smtp-sink";
import { expect, test } from "./fixtures";
import { PASSWORD, SHIP_TO } from "./pages";

// Decision 033: a guest's orders join an account registered later with that email only once the
// address is confirmed, through the link mailed at registration (read here from the real SMTP sink).
test("a guest orders, registers with the same email, and sees the order under /orders only after confirming the mailed link", async ({
  browser,
  sharedApp: app,
}) => {
  const email = `guest-later-${Math.random().toString(36).slice(2, 10)}@example.test`;
  const context = await browser.newContext({ baseURL: app.url });
  const page = await context.newPage();

  await page.goto("/products/folding-stool");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Added to your cart (1 in cart).");
  await page.goto("/checkout");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Full name").fill(SHIP_TO.fullName);
  await page.getByLabel("Street address").fill(SHIP_TO.line1);
  await page.getByLabel("Town or city").fill(SHIP_TO.city);
  await page.getByLabel("Postcode").fill(SHIP_TO.postalCode);
  await page.getByLabel("Country").fill(SHIP_TO.country);
  await page.getByRole("button", { name: /Place order/ }).click();
  const heading = page.getByRole("heading", { name: /Order #\d+/ });
  await expect(heading).toBeVisible();
  const order = (await heading.textContent())!.match(/Order #\d+/)![0];

  await page.goto("/register");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("link", { name: email })).toBeVisible();

  // Registered, not confirmed: anyone can type any address, so the order stays out of the account.
  await page.goto("/orders");
  await expect(page.getByRole("heading", { name: "Your orders" })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(order) })).toHaveCount(0);
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Please confirm your email address" })).toBeVisible();

  const mail = await app.mail!.waitForMail(email, { subject: "Confirm your email address" });
  expect(mail.subject).toBe("Confirm your email address for Keepcart");
  const link = linkIn(mail, `${app.url}/confirm-account?token=`);

  // The link works in any browser (the mailbox is the proof); opening it confirms nothing by itself.
  const elsewhere = await browser.newContext({ javaScriptEnabled: false });
  const other = await elsewhere.newPage();
  await other.goto(link);
  await page.goto("/orders");
  await expect(page.getByRole("link", { name: new RegExp(order) })).toHaveCount(0);
  await other.getByRole("button", { name: "Confirm my address" }).click();
  await expect(other.getByRole("main").getByRole("status")).toHaveText(
    `Thank you: ${email} is confirmed. The order you placed as a guest with it is now in your account.`,
  );

  await page.goto("/orders");
  await expect(page.getByRole("link", { name: new RegExp(order) })).toBeVisible();
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Please confirm your email address" })).toHaveCount(0);
  // Used once.
  await other.goto(link);
  await expect(other.getByRole("main").getByRole("alert")).toContainText("expired or was already used");
  await elsewhere.close();
  await context.close();
});
