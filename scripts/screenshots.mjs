// Screenshots of the storefront at desktop (1280 wide) and phone (390 wide) widths, into screenshots/.
// Starts `next start` (building first if there is no build) on an embedded database of its own,
// makes a shopper with an order and a filled cart through the JSON API, then photographs each page.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "screenshots");
const widths = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.log("screenshots: no production build yet, running next build");
  const build = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
    cwd: root,
    stdio: "inherit",
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = await freePort();
const base = `http://localhost:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), "keepcart-shots-"));
const { DATABASE_URL: _unused, ...parentEnv } = process.env;
const server = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-p", String(port)], {
  cwd: root,
  detached: true,
  stdio: ["ignore", "ignore", "inherit"],
  env: {
    ...parentEnv,
    NODE_ENV: "production",
    KEEPCART_EMBEDDED_DB: "allow",
    PGLITE_DIR: path.join(dataDir, "db"),
    SESSION_SECRET: "screenshots-secret-screenshots-secret-0001",
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  },
});

try {
  await waitForHealth();
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  for (const [label, viewport] of Object.entries(widths)) {
    const context = await browser.newContext({ viewport, baseURL: base, extraHTTPHeaders: { origin: base } });
    const orderId = await shopperWithOrderAndCart(context.request, label);
    const page = await context.newPage();
    const pages = {
      home: "/",
      product: "/products/cast-iron-skillet",
      cart: "/cart",
      checkout: "/checkout",
      order: `/orders/${orderId}`,
      account: "/account",
    };
    for (const [name, url] of Object.entries(pages)) {
      await page.goto(url);
      // Scroll through once so lazy images below the fold are loaded for the full-page shot.
      await page.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
          window.scrollTo(0, y);
          await new Promise((r) => setTimeout(r, 50));
        }
        window.scrollTo(0, 0);
      });
      await page.waitForLoadState("networkidle");
      const file = path.join(out, `${name}-${label}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`screenshots: ${path.relative(root, file)}`);
    }
    await context.close();
  }
  await browser.close();
} finally {
  if (server.exitCode === null) process.kill(-server.pid, "SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
}

/** Registers, orders two things, then fills the cart again, all through the JSON API. */
async function shopperWithOrderAndCart(api, label) {
  const email = `${label}-${Date.now()}@example.test`;
  await expectOk(api.post("/api/auth/register", { data: { email, password: "screenshots-password" } }));
  const ids = {};
  for (const slug of ["cast-iron-skillet", "linen-apron", "pour-over-dripper", "wool-blanket"]) {
    ids[slug] = (await (await expectOk(api.get(`/api/products/${slug}`))).json()).product.id;
  }
  await expectOk(api.post("/api/cart/items", { data: { productId: ids["cast-iron-skillet"], quantity: 1 } }));
  await expectOk(api.post("/api/cart/items", { data: { productId: ids["linen-apron"], quantity: 2 } }));
  const placed = await expectOk(
    api.post("/api/orders", {
      data: {
        idempotencyKey: `screenshots-${label}-${Date.now()}`,
        address: {
          fullName: "Ada Lovelace",
          line1: "12 St James's Square",
          city: "London",
          postalCode: "SW1Y 4JH",
          country: "United Kingdom",
        },
        saveAddress: true,
      },
    }),
  );
  await expectOk(api.post("/api/cart/items", { data: { productId: ids["pour-over-dripper"], quantity: 1 } }));
  await expectOk(api.post("/api/cart/items", { data: { productId: ids["wool-blanket"], quantity: 2 } }));
  return (await placed.json()).order.id;
}

async function expectOk(responsePromise) {
  const response = await responsePromise;
  if (!response.ok()) throw new Error(`${response.url()}: ${response.status()} ${await response.text()}`);
  return response;
}

async function waitForHealth() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not become healthy within 60 s");
}

async function freePort() {
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port: free } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return free;
}
