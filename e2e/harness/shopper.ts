import { type BrowserContext, expect, type Page } from "@playwright/test";
import { COOKIE_NAME } from "../../lib/session/cookie";

/** What a shopper does and sees, through the storefront's accessible names (the UI contract). */

export async function addToCart(page: Page, baseUrl: string, slug: string, quantity = 1): Promise<void> {
  await page.goto(`${baseUrl}/products/${slug}`);
  await page.getByLabel("Quantity").fill(String(quantity));
  await page.getByRole("button", { name: "Add to cart" }).click();
  // The form's own message (Next's route announcer is also an alert, so look inside main only).
  const main = page.getByRole("main");
  await expect(main.getByRole("status").or(main.getByRole("alert")).first()).not.toBeEmpty();
}

/** The cart page's lines as { product name: quantity }. */
export async function cartLines(page: Page, baseUrl: string): Promise<Record<string, number>> {
  const response = await page.goto(`${baseUrl}/cart`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Your cart" })).toBeVisible();
  const inputs = page.getByLabel(/^Quantity for /);
  const lines: Record<string, number> = {};
  for (const input of await inputs.all()) {
    const label = (await input.getAttribute("aria-label")) ?? (await labelOf(input));
    lines[label.replace(/^Quantity for /, "")] = Number(await input.inputValue());
  }
  return lines;
}

async function labelOf(input: ReturnType<Page["getByLabel"]>): Promise<string> {
  const id = await input.getAttribute("id");
  return (await input.page().locator(`label[for="${id}"]`).innerText()).trim();
}

export async function cartCount(page: Page): Promise<number> {
  const link = page.getByRole("link", { name: /^Cart, \d+ items?$/ });
  const name = (await link.getAttribute("aria-label")) ?? "";
  return Number(name.match(/\d+/)?.[0]);
}

export async function register(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/register`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("link", { name: email })).toBeVisible();
}

export async function login(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("link", { name: email })).toBeVisible();
}

export async function logout(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/account`);
  await page.getByRole("button", { name: "Log out" }).first().click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
}

/** The session cookie's value in this browser context (plain-http name). */
export async function sessionCookie(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies()).find((c) => c.name === COOKIE_NAME)?.value;
}

export async function setSessionCookie(
  context: BrowserContext,
  baseUrl: string,
  value: string,
): Promise<void> {
  await context.clearCookies();
  await context.addCookies([{ name: COOKIE_NAME, value, url: baseUrl, httpOnly: true, sameSite: "Lax" }]);
}

export async function expectLoggedIn(page: Page, email: string): Promise<void> {
  await expect(page.getByRole("link", { name: email })).toBeVisible();
}

export async function expectAnonymous(page: Page): Promise<void> {
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
}

/** Fills the checkout's address (and a guest's email) and places the order; returns its id and total. */
export async function checkOut(page: Page, baseUrl: string, guestEmail?: string) {
  await page.goto(`${baseUrl}/checkout`);
  if (guestEmail) await page.getByLabel("Email").fill(guestEmail);
  await page.getByLabel("Full name").fill("Ada Lovelace");
  await page.getByLabel("Street address").fill("12 St James's Square");
  await page.getByLabel("Town or city").fill("London");
  await page.getByLabel("Postcode").fill("SW1Y 4JH");
  await page.getByLabel("Country").fill("United Kingdom");
  const button = page.getByRole("button", { name: /Place order/ });
  const total = (await button.textContent())!.match(/£[\d,.]+/)![0];
  await button.click();
  const heading = page.getByRole("heading", { name: /Order #\d+/ });
  await expect(heading).toBeVisible();
  const orderId = Number((await heading.textContent())!.match(/#(\d+)/)![1]);
  return { orderId, total };
}
