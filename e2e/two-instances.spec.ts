import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { sql } from "./harness/database";
import {
  addToCart,
  cartLines,
  expectAnonymous,
  expectLoggedIn,
  login,
  logout,
  register,
} from "./harness/shopper";

const PASSWORD = "a long enough password";

// Cookies are per host, not per port: one browser sends the same cookie to both instances,
// as it would to two servers behind one load balancer.
// These tests are about migrating a database that has nothing in it yet.
test.use({ emptyDatabase: true });

test("two instances started at once on an empty database both come up; they share carts and logins", async ({
  page,
  browser,
  database,
  startApp,
}) => {
  const [app, b] = await Promise.all([startApp(), startApp()]);
  const [migrations] = await sql<{ n: number }>(
    database.url!,
    "select count(*)::int as n from drizzle.__drizzle_migrations",
  );
  const [products] = await sql<{ n: number }>(database.url!, "select count(*)::int as n from products");
  const files = readdirSync(path.join(__dirname, "..", "db", "migrations")).filter((f) => f.endsWith(".sql"));
  expect(migrations!.n).toBe(files.length); // each migration applied once, not once per instance
  expect(products!.n).toBe(28);
  const address = `two-${randomUUID().slice(0, 8)}@example.test`;
  const setup = await browser.newPage();
  await register(setup, app.url, address, PASSWORD);
  await setup.close();

  await addToCart(page, app.url, "camp-mug", 2);
  expect(await cartLines(page, b.url)).toEqual({ "Camp Mug": 2 });

  await login(page, b.url, address, PASSWORD);
  await page.goto(app.url);
  await expectLoggedIn(page, address);
  expect(await cartLines(page, app.url)).toEqual({ "Camp Mug": 2 });

  await logout(page, app.url);
  await page.goto(b.url);
  await expectAnonymous(page);
});
