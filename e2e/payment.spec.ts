import type { Browser, Page } from "@playwright/test";
import { STOCK_AND_MONEY_DISAGREE } from "../test/stock-and-money";
import { expect, test } from "./fixtures";
import { AppServer, TEST_ADMIN } from "./harness/app-server";
import { orderTimeline, sql } from "./harness/database";
import { addToCart, checkOut, register } from "./harness/shopper";

// Payment with the manual provider, the default when no Stripe variable is set (docs/decisions/032).
// Each test starts its own server on its own database: generous on a busy machine.
test.describe.configure({ timeout: 180_000 });

const PASSWORD = "correct horse battery staple";
const CRON_SECRET = "e2e-cron-secret-for-the-payment-hold";
const MAIL_WAIT = { timeoutMs: 45_000 };
const uniqueEmail = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}@example.test`;

async function staffContext(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
  return browser.newContext({
    httpCredentials: { username: TEST_ADMIN.username, password: TEST_ADMIN.password, send: "always" },
    ...options,
  });
}

const stockOf = async (url: string, slug: string) =>
  (await sql<{ stock: number }>(url, "select stock from products where slug = $1", [slug]))[0]!.stock;

const paymentOf = async (url: string, orderId: number) =>
  (
    await sql<{ order_status: string; payment: string; provider: string; held_for_ms: number }>(
      url,
      `select o.status as order_status, p.status as payment, p.provider,
         (extract(epoch from p.hold_until - o.created_at) * 1000)::int as held_for_ms
       from orders o join payments p on p.order_id = o.id where o.id = $1`,
      [orderId],
    )
  )[0]!;

async function expectStockAndMoneyAgree(url: string): Promise<void> {
  expect(await sql(url, STOCK_AND_MONEY_DISAGREE)).toEqual([]);
}

/** The shopper's order page: the fulfilment and payment badges, and the timeline's "Paid" step. */
const badges = (page: Page) => page.locator(".order-badges");
const timeline = (page: Page) => page.getByRole("list", { name: "Order status" });

test("manual payment: the order awaits payment with instructions, staff mark it paid without JavaScript, the shopper sees Paid and gets the mail", async ({
  app,
  page,
  browser,
  database,
}) => {
  // A fresh clone's server: no Stripe variable, so the manual provider (the harness sets none).
  const url = database.url!;
  const sink = app.mail!;
  const email = uniqueEmail("manual");
  const before = await stockOf(url, "gooseneck-kettle");
  await register(page, app.url, email, PASSWORD);
  await addToCart(page, app.url, "gooseneck-kettle", 2);
  const { orderId, total } = await checkOut(page, app.url);

  // The order is placed, awaiting payment, with the instructions: amount, reference and deadline.
  await expect(page.getByRole("main").getByRole("status")).toContainText(
    "It is reserved for you until it is paid.",
  );
  await expect(badges(page)).toHaveText(/Placed\s*Awaiting payment/);
  const instructions = page.getByRole("region", { name: "Payment" });
  await expect(instructions).toContainText(`Amount: ${total}, reference: order #${orderId}.`);
  await expect(instructions).toContainText(
    /Please pay by .+ \(UTC\): an order not paid by then is cancelled\./,
  );
  const paidStep = timeline(page).getByRole("listitem").filter({ hasText: "Paid" });
  await expect(paidStep).toContainText("Awaiting payment");
  await expect(paidStep).not.toHaveAttribute("aria-current", "step");
  // The stock is held for the order; its payment is the manual one, held 3 days by default.
  expect(await stockOf(url, "gooseneck-kettle")).toBe(before - 2);
  expect(await paymentOf(url, orderId)).toMatchObject({
    order_status: "placed",
    payment: "awaiting",
    provider: "manual",
  });
  expect((await paymentOf(url, orderId)).held_for_ms).toBe(3 * 24 * 60 * 60_000);

  // The confirmation mail carries the same instructions.
  // (A registered shopper's first mail asks them to confirm their address; this is the order's.)
  const placed = `Keepcart order #${orderId} is placed (${total})`;
  const confirmation = await sink.waitForMail(email, { ...MAIL_WAIT, subject: placed });
  expect(confirmation.subject).toBe(placed);
  expect(confirmation.text).toContain(`reference: order #${orderId}`);
  const since = sink.received.length;

  // Staff, in a browser without JavaScript: the form posts as plain HTML.
  const staff = await staffContext(browser, { javaScriptEnabled: false });
  const admin = await staff.newPage();
  await admin.goto(`${app.url}/admin/orders/${orderId}`);
  const panel = admin.getByRole("region", { name: "Payment" });
  await expect(panel).toContainText("Manual (bank transfer or on collection): held until");
  // Not packable while unpaid (decision 032).
  await expect(admin.getByRole("button", { name: "Mark as packed" })).toHaveCount(0);
  await admin.getByRole("button", { name: "Mark as paid" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "marked paid" })).toHaveText(
    `Order #${orderId} is marked paid. The shopper has been notified.`,
  );
  await admin.goto(`${app.url}/admin/orders/${orderId}`);
  await expect(admin.getByRole("button", { name: "Mark as paid" })).toHaveCount(0);
  await expect(admin.getByRole("button", { name: "Mark as packed" })).toBeVisible();
  // What remains for a paid manual order is recording a refund.
  await expect(panel.getByRole("button", { name: "Record a full refund" })).toBeVisible();
  await staff.close();

  // The shopper's order page: "Paid" in the badges and as the timeline's current step; no instructions.
  await page.reload();
  await expect(badges(page)).toHaveText(/Placed\s*Paid/);
  await expect(paidStep).toHaveAttribute("aria-current", "step");
  await expect(paidStep).not.toContainText("Awaiting payment");
  await expect(page.getByRole("region", { name: "Payment" })).toHaveCount(0);

  const paid = await sink.waitForMail(email, { ...MAIL_WAIT, since });
  expect(paid.subject).toBe(`Keepcart order #${orderId} is paid`);
  expect(paid.text).toContain(`${app.url}/orders/${orderId}`);

  // Recorded once, by staff, audited; the stock stays taken (sold), the money and the goods agree.
  expect(await paymentOf(url, orderId)).toMatchObject({ order_status: "placed", payment: "paid" });
  expect(await orderTimeline(url, orderId)).toEqual(["placed shopper", "paid staff:staff"]);
  expect(
    await sql(url, "select actor from audit_log where action = 'payment.mark-paid' and entity_id = $1", [
      String(orderId),
    ]),
  ).toEqual([{ actor: "staff" }]);
  expect(await stockOf(url, "gooseneck-kettle")).toBe(before - 2);
  await expectStockAndMoneyAgree(url);
});

test("an unpaid order expires when its hold ends: the prune cancels it, its stock comes back once, and a staff cancel afterwards changes nothing", async ({
  startApp,
  page,
  browser,
  database,
}) => {
  // A one-minute hold (PAYMENT_HOLD_MINUTES' minimum). Instead of waiting that minute, the test
  // moves the hold's end into the past in the database, as the vitest prune tests pass a later `now`.
  // The prune is triggered by the cron route (what Vercel Cron calls in production; long-running
  // servers run the same pruneExpiredSessions on a timer, set here far enough out not to interfere).
  const app = await startApp({
    env: { PAYMENT_HOLD_MINUTES: "1", CRON_SECRET, PRUNE_INTERVAL_SECONDS: "86400" },
  });
  const url = database.url!;
  const email = uniqueEmail("expire");
  const slug = "folding-stool";
  const before = await stockOf(url, slug);

  // A guest this time (decision 033): the order page is theirs in this browser.
  await addToCart(page, app.url, slug, 3);
  const { orderId } = await checkOut(page, app.url, email);
  await expect(badges(page)).toHaveText(/Placed\s*Awaiting payment/);
  expect(await stockOf(url, slug)).toBe(before - 3);
  const confirmation = await app.mail!.waitForMail(email, MAIL_WAIT);
  expect(confirmation.subject).toMatch(`Keepcart order #${orderId} is placed`);
  const since = app.mail!.received.indexOf(confirmation) + 1;
  const held = await paymentOf(url, orderId);
  expect(held).toMatchObject({ order_status: "placed", payment: "awaiting", provider: "manual" });
  // One minute from placing (the order and its payment are written with the same clock reading).
  expect(held.held_for_ms).toBe(60_000);

  const prune = async () => {
    const response = await fetch(`${app.url}/api/cron/prune-sessions`, {
      headers: { authorization: `Bearer ${CRON_SECRET}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { ran: boolean; ordersReleased: number };
  };

  // While the hold lasts, a prune leaves the order alone.
  expect(await prune()).toMatchObject({ ran: true, ordersReleased: 0 });
  expect((await paymentOf(url, orderId)).payment).toBe("awaiting");
  expect(await stockOf(url, slug)).toBe(before - 3);

  await sql(url, "update payments set hold_until = now() - interval '1 second' where order_id = $1", [
    orderId,
  ]);
  // Two prunes at once (one gets the lease, the other stands aside), then another after them:
  // one order released in all, its stock back exactly once.
  const racing = await Promise.all([prune(), prune()]);
  const after = await prune();
  expect(after).toMatchObject({ ran: true, ordersReleased: 0 });
  expect([...racing, after].reduce((sum, r) => sum + r.ordersReleased, 0)).toBe(1);
  expect(await paymentOf(url, orderId)).toMatchObject({ order_status: "cancelled", payment: "expired" });
  expect(await stockOf(url, slug)).toBe(before);

  // The shopper sees it cancelled, and why.
  await page.reload();
  await expect(badges(page)).toHaveText(/Cancelled\s*Payment expired/);
  await expect(timeline(page).getByRole("listitem")).toHaveText([
    /^Placed/,
    /^Payment expired/,
    /^Cancelled/,
  ]);
  await expect(page.getByRole("region", { name: "Payment" })).toHaveCount(0);
  const mail = await app.mail!.waitForMail(email, { ...MAIL_WAIT, since });
  expect(mail.subject).toBe(`Keepcart order #${orderId} is cancelled (not paid)`);

  // Staff, later: nothing left to cancel or mark paid, and asking anyway returns no stock.
  const staff = await staffContext(browser);
  const admin = await staff.newPage();
  await admin.goto(`${app.url}/admin/orders/${orderId}`);
  await expect(admin.getByRole("heading", { level: 1, name: new RegExp(`Order #${orderId}`) })).toBeVisible();
  await expect(admin.getByRole("button", { name: "Cancel order" })).toHaveCount(0);
  await expect(admin.getByRole("button", { name: "Mark as paid" })).toHaveCount(0);
  const cancel = await admin.request.post(`${app.url}/api/admin/orders/${orderId}/status`, {
    data: { to: "cancelled" },
  });
  expect(cancel.status()).toBe(409);
  await staff.close();
  expect(await stockOf(url, slug)).toBe(before);

  // Each change happened once: one expiry in the timeline, one mail queued for it.
  expect(await orderTimeline(url, orderId)).toEqual([
    "placed shopper",
    "payment_expired system",
    "cancelled system",
  ]);
  expect(
    await sql(url, "select kind from mail_outbox where to_address = $1 and kind = 'payment-expired'", [
      email,
    ]),
  ).toHaveLength(1);
  await expectStockAndMoneyAgree(url);
});

test.describe("production start-up refuses Stripe half-configured, naming the missing variable", () => {
  for (const { set, missing } of [
    { set: { STRIPE_SECRET_KEY: "sk_test_keepcart_half_configured" }, missing: "STRIPE_WEBHOOK_SECRET" },
    { set: { STRIPE_WEBHOOK_SECRET: "whsec_keepcart_half_configured" }, missing: "STRIPE_SECRET_KEY" },
  ]) {
    test(`only ${Object.keys(set)[0]} set`, async ({ database }) => {
      const server = new AppServer({ databaseUrl: database.url, env: set });
      try {
        await expect(server.start()).rejects.toThrow(/server exited with [1-9]/);
        const logs = server.logs.join("");
        expect(logs).toContain("Keepcart cannot start in production");
        expect(logs).toMatch(new RegExp(`Missing:\\n {2}${missing}: `));
      } finally {
        await server.stop();
      }
    });
  }
});
