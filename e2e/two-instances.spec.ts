import { randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";
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
test("two instances on one database serve the same cart and the same login", async ({
  page,
  browser,
  app,
  startApp,
}) => {
  const b = await startApp();
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
