import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";
import { TEST_ADMIN } from "./harness/app-server";
import { sql } from "./harness/database";

/** The real server under hostile traffic: headers on every answer, refusals in proxy.ts, escaping, logs. */

const BASELINE = ["x-content-type-options", "referrer-policy", "x-frame-options", "permissions-policy"];

function expectSecurityHeaders(response: Response, label: string, { csp = true } = {}): void {
  for (const name of BASELINE) expect(response.headers.get(name), `${label}: ${name}`).toBeTruthy();
  if (csp) expect(response.headers.get("content-security-policy"), `${label}: csp`).toBeTruthy();
}

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

test("every kind of answer carries the security headers: pages, product pages, API, 404, 401, 429, static", async ({
  app,
  database,
}) => {
  const home = await fetch(app.url);
  expect(home.status).toBe(200);
  const html = await home.text();
  const chunk = html.match(/\/_next\/static\/[^"]+\.js/)?.[0];
  expect(chunk).toBeTruthy();

  const cases: [string, number, RequestInit?][] = [
    ["/", 200],
    ["/products/camp-mug", 200],
    ["/cart", 200],
    ["/api/products", 200],
    ["/api/products/no-such-thing", 404],
    ["/no-such-page", 404],
    ["/products/no-such-product", 404],
    ["/products/%00", 404],
    ["/?q=%00%01", 200],
    ["/api/products?q=%00", 400],
    ["/api/orders/99999999999", 401],
    ["/admin", 401],
    ["/api/admin/health", 401],
    ["/api/cart/items", 403, { method: "POST", headers: { origin: "https://evil.test" } }],
  ];
  for (const [path, status, init] of cases) {
    const response = await fetch(`${app.url}${path}`, init);
    expect(response.status, path).toBe(status);
    expectSecurityHeaders(response, path);
    expect(response.headers.get("x-request-id"), `${path}: request id`).toBeTruthy();
  }
  // A product page goes through proxy.ts: its own request id and a per-request script nonce.
  const product = await fetch(`${app.url}/products/camp-mug`);
  expect(product.headers.get("content-security-policy")).toContain("'nonce-");
  // Static files: the baseline from next.config.ts (no per-request policy needed for a file).
  for (const path of [chunk!, "/icon.svg"]) {
    const response = await fetch(`${app.url}${path}`);
    expect(response.status, path).toBe(200);
    expectSecurityHeaders(response, path, { csp: false });
  }
  // 429 from the admin gate (counted in PostgreSQL, per staff name whatever the address).
  await sql(
    database.url!,
    `insert into auth_throttle (key, failures, window_started_at) values ('admin-user:${TEST_ADMIN.username}', 99, now())`,
  );
  const locked = await fetch(`${app.url}/admin`, {
    headers: { authorization: basic(TEST_ADMIN.username, "nope") },
  });
  expect(locked.status).toBe(429);
  expectSecurityHeaders(locked, "/admin 429");
});

test("503 answers while the database is down carry the security headers too", async ({
  faultyDatabase,
  startApp,
}) => {
  const app = await startApp({ databaseUrl: faultyDatabase.url });
  faultyDatabase.proxy.down();
  try {
    for (const path of ["/", "/api/products", "/api/products/camp-mug"]) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.status, path).toBe(503);
      expectSecurityHeaders(response, `${path} 503`);
    }
  } finally {
    faultyDatabase.proxy.up();
  }
});

test("server action posts that are cross-site, oversized or garbage get a 4xx from the proxy, never a 500", async ({
  sharedApp: app,
}) => {
  const action = "a".repeat(42);
  const post = (headers: Record<string, string>, body: BodyInit = "[]") =>
    fetch(`${app.url}/products/camp-mug`, {
      method: "POST",
      headers: { "next-action": action, "content-type": "text/plain;charset=UTF-8", ...headers },
      body,
    });
  const cases: [string, Promise<Response>, number][] = [
    ["foreign origin", post({ origin: "https://evil.test" }), 403],
    ["null origin", post({ origin: "null" }), 403],
    ["cross-site fetch", post({ "sec-fetch-site": "cross-site" }), 403],
    ["oversized", post({}, "x".repeat(200 * 1024)), 413],
    ["json content type", post({ "content-type": "application/json" }), 415],
    ["garbage action id", post({ "next-action": "../../etc/passwd" }), 400],
    [
      "foreign origin on the API",
      fetch(`${app.url}/api/auth/logout`, { method: "POST", headers: { origin: "https://evil.test" } }),
      403,
    ],
  ];
  for (const [label, pending, status] of cases) {
    const response = await pending;
    expect(response.status, label).toBe(status);
    expectSecurityHeaders(response, label);
    expect((await response.json()).error.message.length, label).toBeGreaterThan(5);
  }
  // Well-formed but unknown action ids and undecodable bodies are Next's to answer: never a 500.
  for (const body of ["[", "\u0000\u0001", "x".repeat(1000)]) {
    const response = await post({}, body);
    expect(response.status, JSON.stringify(body)).toBeLessThan(500);
  }
});

test("HTML in product names and addresses is shown as text, never run as markup", async ({
  page,
  app,
  database,
}) => {
  const evil = `<img src=x onerror="window.__owned=1">Mug<script>window.__owned=2</script>`;
  await sql(database.url!, "update products set name = $1 where slug = 'camp-mug'", [evil]);
  await page.goto(`${app.url}/products/camp-mug`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(evil);
  expect(await page.locator("main img[src='x']").count()).toBe(0);

  const email = `xss-${randomUUID().slice(0, 8)}@example.test`;
  await page.goto(`${app.url}/register`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("link", { name: email })).toBeVisible();
  const street = `<b onmouseover="window.__owned=3">1 Bold Row</b>`;
  const added = await page.request.post(`${app.url}/api/cart/items`, { data: { productId: 1, quantity: 1 } });
  expect(added.status()).toBe(200);
  const placed = await page.request.post(`${app.url}/api/orders`, {
    data: {
      idempotencyKey: randomUUID(),
      address: { fullName: "<i>Ada</i>", line1: street, city: "London", postalCode: "N1", country: "UK" },
    },
  });
  expect(placed.status()).toBe(201);
  const { order } = await placed.json();
  await page.goto(`${app.url}/orders/${order.id}`);
  await expect(page.getByText(street)).toBeVisible();
  expect(await page.locator("main b, main i").count()).toBe(0);
  expect(await page.evaluate(() => (window as { __owned?: number }).__owned)).toBeUndefined();
});

test("one log line per request with id, status and duration; no password, cookie, seal or card number", async ({
  app,
}) => {
  const password = `Secret-${randomUUID()}`;
  const card = "4111 1111 1111 1111";
  const email = `logs-${randomUUID().slice(0, 8)}@example.test`;
  const ids: { id: string; path: string }[] = [];
  const call = async (path: string, init: RequestInit = {}) => {
    const id = `hostile-${randomUUID()}`;
    ids.push({ id, path });
    const headers = new Headers(init.headers);
    headers.set("x-request-id", id);
    return fetch(`${app.url}${path}`, { ...init, headers });
  };
  const json = (body: unknown, cookie?: string) => ({
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  const registered = await call("/api/auth/register", json({ email, password }));
  expect(registered.status).toBe(201);
  const setCookie = registered.headers.get("set-cookie")!;
  const cookie = setCookie.split(";")[0]!;
  const seal = cookie.split("=")[1]!;
  await call("/api/auth/login", json({ email, password: `${password}-wrong` }));
  await call(`/api/products/${card.replaceAll(" ", "")}`);
  await call(`/api/orders/${encodeURIComponent(card)}`, { headers: { cookie } });
  await call("/api/cart/items", json({ productId: card, quantity: 1 }, cookie));
  await call("/api/cart/items", json({ productId: 1, quantity: 1 }, cookie));
  await call(
    "/api/orders",
    json(
      {
        idempotencyKey: randomUUID(),
        address: { fullName: card, line1: "1 Row", city: "X", postalCode: "N1", country: "UK" },
      },
      cookie,
    ),
  );
  await call("/admin", { headers: { authorization: basic(TEST_ADMIN.username, password) } });
  await call(`/?q=${encodeURIComponent(card)}`, { headers: { cookie } });
  await new Promise((r) => setTimeout(r, 500)); // the last lines are written after the responses end

  const output = app.logs.join("");
  for (const secret of [
    password,
    seal,
    decodeURIComponent(seal),
    card,
    card.replaceAll(" ", ""),
    "4111111111111111",
  ]) {
    expect(output.includes(secret), `log contains ${secret.slice(0, 12)}…`).toBe(false);
  }
  const lines = output
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.msg === "request");
  for (const { id, path } of ids) {
    const mine = lines.filter((l) => l.requestId === id);
    expect(mine, `request line for ${path}`).toHaveLength(1);
    expect(typeof mine[0]!.status).toBe("number");
    expect(typeof mine[0]!.durationMs).toBe("number");
  }
});

test("wrong passwords are counted in PostgreSQL: spread over two instances, the 11th guess from a new client is refused, the owner's client is not", async ({
  startApp,
}) => {
  const [a, b] = [await startApp(), await startApp()];
  const email = `brute-${randomUUID().slice(0, 8)}@example.test`;
  const post = (url: string, body: unknown, cookie?: string) =>
    fetch(`${url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    });
  const created = await fetch(`${a.url}/api/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "the right password" }),
  });
  expect(created.status).toBe(201);
  // The client that registered holds the account's device cookie (docs/decisions/028).
  const device = created.headers
    .getSetCookie()
    .find((c) => c.startsWith("kc_device="))
    ?.split(";")[0];
  expect(device).toBeTruthy();
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) {
    statuses.push((await post(i % 2 ? b.url : a.url, { email, password: `guess ${i}` })).status);
  }
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
  expect(statuses[10]).toBe(429);
  // A client the account has never used waits for the window, even with the right password...
  const right = await post(b.url, { email, password: "the right password" });
  expect(right.status).toBe(429);
  expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(60);
  // ...while the owner's own client gets in at once, on either instance.
  expect((await post(b.url, { email, password: "the right password" }, device)).status).toBe(200);
  expect((await post(a.url, { email, password: "the right password" }, device)).status).toBe(200);
});
