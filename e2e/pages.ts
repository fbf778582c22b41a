// No runtime imports: scripts/screenshots.mjs loads this file with Node's type stripping.
import type { APIRequestContext, APIResponse, Page } from "@playwright/test";

/**
 * Every page of the shop and the admin area, for the checks that must hold on all of them
 * (e2e/every-page.spec.ts: no sideways scroll at 390 px, no axe violation). A new page is one line
 * here. `as` is who looks at it; `path` may use what `seedShop` made; `after` puts the page in a
 * state worth checking too (a form showing its errors).
 */
export type Visitor = "anonymous" | "guest" | "shopper" | "staff";
export type Seed = { orderId: number; productSlug: string };
export type PageToCheck = {
  name: string;
  as: Visitor;
  path: string | ((seed: Seed) => string);
  after?: (page: Page) => Promise<void>;
};

export const PAGES: PageToCheck[] = [
  { name: "home", as: "anonymous", path: "/" },
  { name: "category-search", as: "anonymous", path: "/?category=kitchen&q=pan" },
  { name: "no-results", as: "anonymous", path: "/?q=zzzz" },
  { name: "product", as: "anonymous", path: (s) => `/products/${s.productSlug}` },
  { name: "sold-out-product", as: "anonymous", path: "/products/copper-measuring-cups" },
  { name: "empty-cart", as: "anonymous", path: "/cart" },
  { name: "login", as: "anonymous", path: "/login" },
  { name: "login-errors", as: "anonymous", path: "/login", after: submit("Log in") },
  { name: "register", as: "anonymous", path: "/register" },
  { name: "forgot-password", as: "anonymous", path: "/forgot-password" },
  { name: "confirm-account-dead-link", as: "anonymous", path: "/confirm-account?token=expired" },
  { name: "not-found", as: "anonymous", path: "/no-such-page" },
  { name: "guest-checkout", as: "guest", path: "/checkout" },
  { name: "cart", as: "shopper", path: "/cart" },
  { name: "checkout", as: "shopper", path: "/checkout" },
  { name: "checkout-errors", as: "shopper", path: "/checkout", after: newAddressLeftEmpty },
  { name: "account", as: "shopper", path: "/account" },
  { name: "orders", as: "shopper", path: "/orders" },
  { name: "order", as: "shopper", path: (s) => `/orders/${s.orderId}` },
  { name: "notifications", as: "shopper", path: "/notifications" },
  { name: "admin", as: "staff", path: "/admin" },
  { name: "admin-orders", as: "staff", path: "/admin/orders" },
  { name: "admin-order", as: "staff", path: (s) => `/admin/orders/${s.orderId}` },
  { name: "admin-products", as: "staff", path: "/admin/products" },
  { name: "admin-product-new", as: "staff", path: "/admin/products/new" },
  { name: "admin-product-edit", as: "staff", path: "/admin/products/1" },
  { name: "admin-mail", as: "staff", path: "/admin/mail" },
  { name: "admin-sessions", as: "staff", path: "/admin/sessions" },
  { name: "admin-audit", as: "staff", path: "/admin/audit" },
];

/** Submits the page's form as it is (empty): the page then shows its field errors. */
function submit(button: string | RegExp) {
  return async (page: Page) => {
    await page.getByRole("button", { name: button }).click();
    await page.getByRole("main").getByRole("alert").first().waitFor();
  };
}

/** Checkout with "A new address" chosen and left empty: every address field shows its error. */
async function newAddressLeftEmpty(page: Page) {
  await page.getByRole("radio", { name: "A new address" }).check();
  await submit(/Place order/)(page);
}

export const PASSWORD = "correct horse battery staple";
export const SHIP_TO = {
  fullName: "Ada Lovelace",
  line1: "12 St James's Square",
  line2: "Flat 3",
  city: "London",
  postalCode: "SW1Y 4JH",
  country: "United Kingdom",
};

/**
 * One state in which every page has something to show, made through the JSON API: a shopper with a
 * placed order (moved on by staff, so the timeline, notifications and audit log have entries), a
 * saved address, two lines in the cart; a guest (no account) with one line; the long-named product
 * is the one shown.
 */
export async function seedShop(
  shopper: APIRequestContext,
  staff: APIRequestContext,
  guest: APIRequestContext,
): Promise<Seed> {
  const ok = async (response: Promise<APIResponse>) => {
    const r = await response;
    if (!r.ok()) throw new Error(`${r.url()}: ${r.status()} ${await r.text()}`);
    return r.json();
  };
  const email = `pages-${Math.random().toString(36).slice(2, 10)}@example.test`;
  await ok(shopper.post("/api/auth/register", { data: { email, password: PASSWORD } }));
  const id = async (slug: string) => (await ok(shopper.get(`/api/products/${slug}`))).product.id as number;
  const [skillet, apron, mug] = await Promise.all(["cast-iron-skillet", "linen-apron", "camp-mug"].map(id));
  await ok(shopper.post("/api/cart/items", { data: { productId: skillet, quantity: 1 } }));
  await ok(shopper.post("/api/cart/items", { data: { productId: apron, quantity: 2 } }));
  const placed = await ok(
    shopper.post("/api/orders", {
      data: { idempotencyKey: `pages-${Date.now()}-order-key`, address: SHIP_TO, saveAddress: true },
    }),
  );
  const orderId = placed.order.id as number;
  // Awaiting payment, so staff cannot pack it (decision 032); cancelling still moves it on.
  await ok(staff.post(`/api/admin/orders/${orderId}/status`, { data: { to: "cancelled" } }));
  await ok(shopper.post("/api/cart/items", { data: { productId: mug, quantity: 3 } }));
  await ok(shopper.post("/api/cart/items", { data: { productId: skillet, quantity: 1 } }));
  await ok(guest.post("/api/cart/items", { data: { productId: mug, quantity: 1 } }));
  return { orderId, productSlug: "cast-iron-skillet" };
}
