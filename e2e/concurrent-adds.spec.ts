import { expect, test } from "./fixtures";
import { sql } from "./harness/database";
import { addToCart, cartLines } from "./harness/shopper";

test("50 parallel 'add one' requests with the browser's own cookie add exactly 50", async ({
  page,
  app,
  database,
}) => {
  await addToCart(page, app.url, "cable-organiser", 1);
  const [product] = await sql<{ id: number }>(
    database.url!,
    "select id from products where slug = 'cable-organiser'",
  );
  const responses = await Promise.all(
    Array.from({ length: 50 }, () =>
      page.request.post(`${app.url}/api/cart/items`, {
        data: { productId: product!.id, quantity: 1 },
        headers: { origin: app.url },
      }),
    ),
  );
  expect(responses.map((r) => r.status()).filter((s) => s >= 300)).toEqual([]);
  expect(await cartLines(page, app.url)).toEqual({ "Cable Organiser": 51 });
});
