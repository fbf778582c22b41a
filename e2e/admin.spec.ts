import { randomUUID } from "node:crypto";
import { type Browser, request as playwrightRequest } from "@playwright/test";
import { expect, test } from "./fixtures";
import { TEST_ADMIN } from "./harness/app-server";
import { orderTimeline, sql } from "./harness/database";

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

/** A shopper with a placed order (1 × Cast Iron Skillet, 2 × Camp Mug), written as checkout would. */
async function shopperWithOrder(url: string): Promise<{ orderId: number; userId: number }> {
  const [user] = await sql<{ id: number }>(
    url,
    "insert into users (email, password_hash) values ($1, 'not-used') returning id",
    [`shopper-${randomUUID().slice(0, 8)}@example.test`],
  );
  const [order] = await sql<{ id: number }>(
    url,
    `insert into orders (user_id, idempotency_key, total_cents, ship_full_name, ship_line1, ship_city,
       ship_postal_code, ship_country)
     values ($1, $2, 0, 'Ada Lovelace', '12 Analytical Row', 'London', 'N1 9GU', 'United Kingdom') returning id`,
    [user!.id, randomUUID()],
  );
  const orderId = order!.id;
  for (const [slug, quantity] of [
    ["cast-iron-skillet", 1],
    ["camp-mug", 2],
  ] as const) {
    await sql(
      url,
      `insert into order_items (order_id, product_id, product_name, unit_price_cents, quantity)
       select $1, id, name, price_cents, $2 from products where slug = $3`,
      [orderId, quantity, slug],
    );
    await sql(url, "update products set stock = stock - $1 where slug = $2", [quantity, slug]);
  }
  await sql(
    url,
    `update orders set total_cents = (select sum(unit_price_cents * quantity) from order_items where order_id = $1)
     where id = $1`,
    [orderId],
  );
  await sql(url, "insert into order_events (order_id, status, actor) values ($1, 'placed', 'shopper')", [
    orderId,
  ]);
  return { orderId, userId: user!.id };
}

async function staffPage(browser: Browser) {
  const context = await browser.newContext({
    httpCredentials: { username: TEST_ADMIN.username, password: TEST_ADMIN.password, send: "always" },
  });
  return { context, page: await context.newPage() };
}

test.describe("admin basic auth", () => {
  test("no credentials or wrong ones get 401 with a challenge; the right ones get the dashboard", async ({
    app,
    browser,
    database,
  }) => {
    for (const path of ["/admin", "/admin/orders", "/api/admin/health"]) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.status, path).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Basic realm="Keepcart admin"');
    }
    for (const authorization of [basic("staff", "wrong-password"), basic("nobody", TEST_ADMIN.password)]) {
      const response = await fetch(`${app.url}/admin`, { headers: { authorization } });
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain("Dashboard");
    }
    // Wrong passwords were counted for this ip, in PostgreSQL.
    const [throttle] = await sql<{ failures: number }>(
      database.url!,
      "select failures from auth_throttle where key like 'admin-ip:%'",
    );
    expect(throttle?.failures).toBe(2);

    const { context, page } = await staffPage(browser);
    await page.goto(`${app.url}/admin`);
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await expect(page.getByText("Signed in as staff")).toBeVisible();
    // Staff sign-in is not a shopper session: no session cookie, no session row; only the staff
    // device cookie that keeps guessers from locking this browser out (docs/decisions/028).
    expect((await context.cookies()).map((c) => c.name)).toEqual(["kc_staff_device"]);
    expect(await sql(database.url!, "select id from sessions")).toEqual([]);
    const health = await page.request.get(`${app.url}/api/admin/health`);
    expect(health.status()).toBe(200);
    expect(await health.json()).toMatchObject({
      status: "ok",
      store: { kind: "postgres" },
      sessions: { active: 0 },
    });
    await context.close();
  });

  test("admin writes without credentials are refused: the JSON route and a replayed server action", async ({
    app,
    browser,
    database,
  }) => {
    const { orderId } = await shopperWithOrder(database.url!);
    const route = await fetch(`${app.url}/api/admin/orders/${orderId}/status`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ to: "packed" }),
    });
    expect(route.status).toBe(401);

    // Capture the real form's server action request (aborted, so nothing happens), then replay it bare.
    const { context, page } = await staffPage(browser);
    await page.goto(`${app.url}/admin/orders/${orderId}`);
    const captured = new Promise<{ headers: Record<string, string>; body: Buffer }>((resolve) => {
      void page.route("**/admin/orders/**", async (r) => {
        if (r.request().method() !== "POST") return r.continue();
        resolve({ headers: await r.request().allHeaders(), body: r.request().postDataBuffer()! });
        await r.abort();
      });
    });
    await page.getByRole("button", { name: "Mark as packed" }).click();
    const action = await captured;
    expect(action.headers["next-action"]).toMatch(/^[0-9a-f]{20,}$/);
    await context.close();

    const anonymous = await playwrightRequest.newContext();
    for (const path of [`/admin/orders/${orderId}`, "/"]) {
      const response = await anonymous.post(`${app.url}${path}`, {
        headers: {
          "next-action": action.headers["next-action"]!,
          "content-type": action.headers["content-type"]!,
          accept: "text/x-component",
        },
        data: action.body,
      });
      const text = await response.text();
      // On an /admin path the proxy answers 401; elsewhere Next forwards the action to its page's
      // path, where the gate refuses it again. Either way the action reports no success.
      if (path !== "/") expect(response.status()).toBe(401);
      expect(text).not.toContain('"ok":true');
    }
    await anonymous.dispose();
    const [order] = await sql<{ status: string }>(database.url!, "select status from orders where id = $1", [
      orderId,
    ]);
    expect(order?.status).toBe("placed");
    expect(
      await sql(database.url!, "select id from order_events where order_id = $1", [orderId]),
    ).toHaveLength(1);
    expect(await sql(database.url!, "select id from audit_log")).toEqual([]);
  });
});

test("staff move an order along and cancel another; the shopper is notified and stock comes back once", async ({
  app,
  browser,
  database,
}) => {
  const url = database.url!;
  const { orderId, userId } = await shopperWithOrder(url);
  const { page, context } = await staffPage(browser);

  await page.goto(`${app.url}/admin/orders?status=placed`);
  await page.getByRole("link", { name: `Order #${orderId}` }).click();
  await expect(page.getByRole("heading", { name: `Order #${orderId}` })).toBeVisible();
  await expect(page.getByText("12 Analytical Row")).toBeVisible();
  // Straight from placed, only the next step or a cancel are offered.
  await expect(page.getByRole("button", { name: "Mark as delivered" })).toHaveCount(0);

  for (const step of ["packed", "shipped", "delivered"]) {
    await page.getByRole("button", { name: `Mark as ${step}` }).click();
    await expect(page.getByRole("status")).toHaveText(
      `Order #${orderId} is now ${step}. The shopper has been notified.`,
    );
  }
  await expect(page.getByText("This order is finished")).toBeVisible();
  await expect(page.getByRole("list").filter({ hasText: "by shopper" }).getByRole("listitem")).toHaveCount(4);

  expect(await orderTimeline(url, orderId)).toEqual([
    "placed shopper",
    "packed staff:staff",
    "shipped staff:staff",
    "delivered staff:staff",
  ]);
  const notes = await sql<{ message: string }>(
    url,
    "select message from notifications where user_id = $1 and order_id = $2 and read_at is null order by id",
    [userId, orderId],
  );
  expect(notes.map((n) => n.message)).toEqual([
    `Your order #${orderId} is packed and waiting for the courier.`,
    `Your order #${orderId} is on its way.`,
    `Your order #${orderId} has been delivered. Enjoy!`,
  ]);

  // A second order, cancelled: its stock returns, once, even if the button is submitted twice.
  const stock = async () =>
    (await sql<{ stock: number }>(url, "select stock from products where slug = 'camp-mug'"))[0]!.stock;
  const second = await shopperWithOrder(url);
  const before = await stock();
  await page.goto(`${app.url}/admin/orders/${second.orderId}`);
  await page.getByRole("button", { name: "Cancel order" }).click();
  await expect(page.getByRole("status")).toContainText("is now cancelled");
  expect(await stock()).toBe(before + 2);
  const again = await page.request.post(`${app.url}/api/admin/orders/${second.orderId}/status`, {
    data: { to: "cancelled" },
  });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.message).toContain("cannot move any further");
  expect(await stock()).toBe(before + 2);

  await page.goto(`${app.url}/admin/audit`);
  await expect(page.getByRole("cell", { name: /Cancelled order/ })).toHaveCount(1);
  await expect(page.getByRole("cell", { name: /Moved order/ })).toHaveCount(3);
  await context.close();
});

test("a price, stock or on-sale change shows on the storefront at once and is audited", async ({
  app,
  browser,
}) => {
  const { page, context } = await staffPage(browser);
  await page.goto(`${app.url}/admin/products`);
  const row = page.getByRole("row", { name: /Brass Pen/ });
  await page.getByLabel("Price of Brass Pen in pounds").fill("31.50");
  await page.getByRole("button", { name: "Save Brass Pen" }).click();
  await expect(row.getByRole("status")).toContainText("Saved: £31.50");

  const shop = await context.newPage();
  await shop.goto(app.url);
  await expect(shop.locator(".product-card").filter({ hasText: "Brass Pen" })).toContainText("£31.50");

  await page.getByLabel("Price of Brass Pen in pounds").fill("0");
  await page.getByRole("button", { name: "Save Brass Pen" }).click();
  await expect(row.getByRole("alert")).toHaveText("The price must be more than zero.");

  await page.getByLabel("Price of Brass Pen in pounds").fill("31.50");
  await page.getByLabel("Brass Pen on sale").uncheck();
  await page.getByRole("button", { name: "Save Brass Pen" }).click();
  await expect(row.getByRole("status")).toContainText("off sale");
  await shop.reload();
  await expect(shop.getByRole("link", { name: /Cast Iron Skillet/ })).toBeVisible();
  await expect(shop.getByRole("link", { name: /Brass Pen/ })).toHaveCount(0);

  await page.goto(`${app.url}/admin/audit`);
  const rows = page.getByRole("row").filter({ hasText: "Brass Pen" });
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("on sale");
  await expect(rows.last()).toContainText("£31.50");
  await context.close();
});

// Widths and axe for these pages are e2e/every-page.spec.ts's; pictures of them, `npm run screenshots`.
test("every admin page renders its figures without the shop's header; a missing order is a 404", async ({
  app,
  browser,
  database,
}) => {
  const url = database.url!;
  const { orderId } = await shopperWithOrder(url);
  await shopperWithOrder(url);
  // A few sessions (one expired) and an open cart, so the figures and the chart have something to show.
  for (const [i, hoursAgo, expired] of [
    [1, 0, false],
    [2, 2, false],
    [3, 5, true],
    [4, 9, false],
    [5, 9, false],
  ] as const) {
    const created = new Date(Date.now() - hoursAgo * 3_600_000);
    const idle = expired ? new Date(Date.now() - 60_000) : new Date(Date.now() + 86_400_000);
    await sql(
      url,
      `insert into sessions (id, created_at, last_seen_at, idle_expires_at, absolute_expires_at)
       values ($1, $2::timestamptz, $2::timestamptz, $3::timestamptz, $3::timestamptz + interval '1 day')`,
      [`shot-${i}`, created, idle],
    );
  }
  await sql(url, "insert into carts (session_id) values ('shot-1')");
  await sql(
    url,
    `insert into cart_items (cart_id, product_id, quantity)
     select (select id from carts where session_id = 'shot-1'), id, 2 from products where slug = 'burr-grinder'`,
  );

  const { page, context } = await staffPage(browser);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${app.url}/admin/orders/${orderId}`);
  await page.getByRole("button", { name: "Mark as packed" }).click();
  await expect(page.getByRole("status")).toBeVisible();

  const pages = [
    { path: "/admin", heading: "Dashboard" },
    { path: "/admin/orders", heading: "Orders" },
    { path: `/admin/orders/${orderId}`, heading: `Order #${orderId}` },
    { path: "/admin/products", heading: "Products" },
    { path: "/admin/sessions", heading: "Session store" },
    { path: "/admin/audit", heading: "Audit log" },
  ];
  for (const { path, heading } of pages) {
    await page.goto(`${app.url}${path}`);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByRole("link", { name: "Cart, 0 items" })).toBeHidden(); // the shop's header is not shown here
  }

  const missing = await page.goto(`${app.url}/admin/orders/999999`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();

  await page.goto(`${app.url}/admin/sessions`);
  await expect(page.getByRole("img", { name: /Sessions created per hour/ })).toBeVisible();
  await page.getByRole("button", { name: "Prune now" }).click();
  await expect(page.getByRole("status")).toContainText("Deleted 1 expired session in");
  await context.close();
});
