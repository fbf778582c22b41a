// @module-tag pglite
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { productIdBySlug, registeredBrowser } from "@/test/fixtures";
import { ADDRESS } from "@/test/order-fixtures";
import { newBrowser, useBrowser as switchToBrowser } from "@/test/request";
import { createAddressOnce, listAddresses } from "./addresses";
import { getDb } from "./database";
import { newFormToken, pruneUsedFormTokens } from "./form-token";
import { addToMyCart } from "./my-cart";
import { getSession } from "./session";

beforeAll(async () => {
  await getDb();
});

describe("form tokens: a form posted twice acts once", () => {
  it("the same token adds once, even twice at once; a new token adds again", async () => {
    switchToBrowser(newBrowser());
    const mug = await productIdBySlug("camp-mug");
    const token = newFormToken();
    await addToMyCart({ productId: mug, quantity: 1 }, newFormToken()); // the session exists from here
    const repeats = await Promise.all([
      addToMyCart({ productId: mug, quantity: 1 }, token),
      addToMyCart({ productId: mug, quantity: 1 }, token),
    ]);
    expect(repeats.map((r) => r.quantity).sort()).toEqual([2, 2]);
    expect((await addToMyCart({ productId: mug, quantity: 1 }, token)).quantity).toBe(2);
    expect((await addToMyCart({ productId: mug, quantity: 1 }, newFormToken())).quantity).toBe(3);
    expect((await addToMyCart({ productId: mug, quantity: 1 })).quantity).toBe(4);
  });

  it("a refused add does not use up its token; another session's copy of a token is its own", async () => {
    const db = await getDb();
    const pen = await productIdBySlug("brass-pen");
    switchToBrowser(newBrowser());
    await addToMyCart({ productId: pen, quantity: 1 });
    const token = newFormToken();
    await expect(addToMyCart({ productId: pen, quantity: 99 }, token)).rejects.toMatchObject({
      code: "OUT_OF_STOCK",
    });
    expect((await addToMyCart({ productId: pen, quantity: 1 }, token)).quantity).toBe(2);
    switchToBrowser(newBrowser());
    await addToMyCart({ productId: pen, quantity: 1 });
    expect((await addToMyCart({ productId: pen, quantity: 1 }, token)).quantity).toBe(2);

    // Pruned once a day old.
    const count = async () =>
      Number(
        (
          await db.execute<{ n: number }>(
            sql`select count(*)::int as n from used_form_tokens where token = ${token}`,
          )
        ).rows[0]!.n,
      );
    expect(await count()).toBe(2);
    await pruneUsedFormTokens(db, new Date(Date.now() + 25 * 60 * 60_000));
    expect(await count()).toBe(0);
  });

  it("the account's new-address form posted twice adds one address", async () => {
    const { browser, userId } = await registeredBrowser();
    switchToBrowser(browser);
    const session = { id: (await getSession())!.id, userId };
    const token = newFormToken();
    const results = await Promise.all([
      createAddressOnce(session, ADDRESS, token),
      createAddressOnce(session, ADDRESS, token),
    ]);
    expect(results.filter((r) => r === null)).toHaveLength(1);
    expect(await listAddresses(userId)).toHaveLength(1);
    await createAddressOnce(session, ADDRESS, newFormToken());
    expect(await listAddresses(userId)).toHaveLength(2);
  });
});
