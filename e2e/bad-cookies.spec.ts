import { sealData } from "iron-session";
import { expect, test } from "./fixtures";
import { sql } from "./harness/database";
import { addToCart, expectAnonymous, sessionCookie, setSessionCookie } from "./harness/shopper";

test("tampered, foreign-secret, garbage and expired cookies give a normal anonymous page, never a 500", async ({
  page,
  context,
  app,
  database,
}) => {
  await addToCart(page, app.url, "camp-mug", 1);
  const good = (await sessionCookie(context))!;
  const i = Math.floor(good.length / 2);
  const flipped = good.slice(0, i) + (good[i] === "A" ? "B" : "A") + good.slice(i + 1);
  const foreign = await sealData(
    { t: "x".repeat(43) },
    { password: "some-other-secret-some-other-secret-00", ttl: 3600 },
  );

  for (const bad of [flipped, foreign, "garbage", good.slice(0, 40)]) {
    await setSessionCookie(context, app.url, bad);
    const response = await page.goto(app.url);
    expect(response?.status()).toBe(200);
    await expectAnonymous(page);
    await expect(page.getByRole("link", { name: "Cart, 0 items" })).toBeVisible();
    expect(await sessionCookie(context)).toBeUndefined(); // cleared
  }

  // A genuine cookie whose session has expired.
  await setSessionCookie(context, app.url, good);
  await sql(database.url!, "update sessions set idle_expires_at = now() - interval '1 second'");
  const response = await page.goto(app.url);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("link", { name: "Cart, 0 items" })).toBeVisible();
  expect(await sessionCookie(context)).toBeUndefined();
});
