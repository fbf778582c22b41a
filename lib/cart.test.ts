// @module-tag pglite
import { sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getOrCreateSession, PASSWORD, productIdBySlug, registeredBrowser } from "@/test/fixtures";
import { newBrowser } from "@/test/request";
import { login } from "./auth";
import { addToCart, type CartOwner, cartOwnerOf, getCart, removeFromCart, setCartQuantity } from "./cart";
import { getDb } from "./database";
import { AppError } from "./errors";
import { addToMyCart, readMyCart } from "./my-cart";
import { cartLineFormSchema, parseInput } from "./validation";

async function anonymousOwner(): Promise<CartOwner> {
  newBrowser();
  return cartOwnerOf(await getOrCreateSession());
}

async function setStock(slug: string, stock: number, active = true): Promise<void> {
  const db = await getDb();
  await db.execute(sql`update products set stock = ${stock}, active = ${active} where slug = ${slug}`);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  await getDb(); // start (and on PGlite, create) the database outside any one test's time limit
});

beforeEach(() => {
  newBrowser();
});

describe("cart input rules", () => {
  it.each([
    ["a word", "abc", "Quantity must be a number."],
    ["nothing", "", "Quantity must be at least 1."],
    ["zero", 0, "Quantity must be at least 1."],
    ["a negative", -3, "Quantity must be at least 1."],
    ["a fraction", "1.5", "Quantity must be a whole number."],
    ["too many", 100, "Quantity can be at most 99."],
    ["a huge number", "1e308", "Quantity can be at most 99."],
    ["infinity", "Infinity", "Quantity must be a number."],
  ])("refuses %s as a quantity with a clear message", (_label, quantity, message) => {
    expect(() => parseInput(cartLineFormSchema, { productId: "1", quantity })).toThrow(message);
  });

  it.each([["abc"], [-1], [0], [1.5], [2 ** 40], ["9".repeat(30)]])("refuses product id %s", (productId) => {
    expect(() => parseInput(cartLineFormSchema, { productId, quantity: 1 })).toThrow("Unknown product.");
  });

  it("accepts a whole number from 1 to 99 given as text (a form field)", () => {
    expect(parseInput(cartLineFormSchema, { productId: "7", quantity: "99" })).toEqual({
      productId: 7,
      quantity: 99,
    });
  });

  it("refuses unknown and inactive products and changes nothing", async () => {
    const owner = await anonymousOwner();
    const error = await refusal(addToCart(owner, 999_999, 1));
    expect(error).toMatchObject({ code: "NOT_FOUND", message: "That product is not available." });
    await setStock("linen-apron", 10, false);
    const apron = await productIdBySlug("linen-apron");
    expect((await refusal(addToCart(owner, apron, 1))).code).toBe("NOT_FOUND");
    expect((await getCart(owner)).lines).toEqual([]);
  });
});

describe("cart limits", () => {
  it("caps a line at the stock on hand, says how many more fit, and keeps what was there", async () => {
    const owner = await anonymousOwner();
    const tray = await productIdBySlug("paper-tray"); // stock 3
    expect(await addToCart(owner, tray, 2)).toBe(2);
    const error = await refusal(addToCart(owner, tray, 2));
    expect(error.code).toBe("OUT_OF_STOCK");
    expect(error.message).toBe("Only 1 more of Paper Tray can be added (3 at most, 2 already in your cart).");
    expect(await addToCart(owner, tray, 1)).toBe(3);
    expect((await refusal(addToCart(owner, tray, 1))).message).toBe(
      "You already have the most we can sell of Paper Tray (3) in your cart.",
    );
    expect((await getCart(owner)).itemCount).toBe(3);
  });

  it("caps a line at 99 even when more are in stock", async () => {
    const owner = await anonymousOwner();
    const cables = await productIdBySlug("cable-organiser"); // stock 200
    expect(await addToCart(owner, cables, 99)).toBe(99);
    expect((await refusal(addToCart(owner, cables, 1))).code).toBe("OUT_OF_STOCK");
    expect((await refusal(setCartQuantity(owner, cables, 100))).code).toBe("OUT_OF_STOCK");
    expect((await getCart(owner)).itemCount).toBe(99);
  });

  it("refuses an out-of-stock product", async () => {
    const owner = await anonymousOwner();
    const cups = await productIdBySlug("copper-measuring-cups"); // stock 0
    expect((await refusal(addToCart(owner, cups, 1))).message).toBe("Copper Measuring Cups is out of stock.");
  });

  it("sets a quantity within the limits, refuses one past the stock, and removes a line", async () => {
    const owner = await anonymousOwner();
    const kettle = await productIdBySlug("gooseneck-kettle"); // stock 28
    await addToCart(owner, kettle, 1);
    expect(await setCartQuantity(owner, kettle, 5)).toBe(5);
    expect((await refusal(setCartQuantity(owner, kettle, 29))).message).toBe(
      "You can have at most 28 of Gooseneck Kettle in your cart.",
    );
    expect((await getCart(owner)).lines[0]?.quantity).toBe(5);
    await removeFromCart(owner, kettle);
    expect((await getCart(owner)).lines).toEqual([]);
    expect((await refusal(setCartQuantity(owner, kettle, 1))).code).toBe("NOT_FOUND");
  });

  it("prices lines from the database: a price change shows in the cart at once", async () => {
    const owner = await anonymousOwner();
    const pen = await productIdBySlug("brass-pen");
    await addToCart(owner, pen, 2);
    const db = await getDb();
    await db.execute(sql`update products set price_cents = 1234 where id = ${pen}`);
    const cart = await getCart(owner);
    expect(cart.lines[0]).toMatchObject({ unitPriceCents: 1234, lineTotalCents: 2468 });
    expect(cart.subtotalCents).toBe(2468);
  });

  it("adds 50 concurrent 'add one' requests up to exactly 50", async () => {
    const owner = await anonymousOwner();
    const mugs = await productIdBySlug("camp-mug"); // stock 90
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => addToCart(owner, mugs, 1)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect((await getCart(owner)).lines[0]?.quantity).toBe(50);
  });

  it("never passes the stock when concurrent adds compete for the last few", async () => {
    const owner = await anonymousOwner();
    const tray = await productIdBySlug("paper-tray"); // stock 3
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => addToCart(owner, tray, 1)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect((await getCart(owner)).lines[0]?.quantity).toBe(3);
  });
});

describe("the shopper's own cart", () => {
  it("creates no session for reading, and one on the first add", async () => {
    const db = await getDb();
    const count = async () =>
      Number((await db.execute<{ n: number }>(sql`select count(*)::int as n from sessions`)).rows[0]!.n);
    const before = await count();
    expect(await readMyCart()).toEqual({ lines: [], itemCount: 0, subtotalCents: 0 });
    expect(await count()).toBe(before);
    const change = await addToMyCart({ productId: await productIdBySlug("headlamp"), quantity: 2 });
    expect(change.quantity).toBe(2);
    expect(change.cart.itemCount).toBe(2);
    expect(await count()).toBe(before + 1);
  });
});

describe("merging the anonymous cart at login", () => {
  it("adds the lines up, caps at min(99, stock) and reports what was capped", async () => {
    const { email, userId } = await registeredBrowser();
    const tray = await productIdBySlug("paper-tray"); // stock 3
    const mug = await productIdBySlug("camp-mug");
    const cables = await productIdBySlug("cable-organiser"); // stock 200
    await addToCart({ userId }, tray, 2);
    await addToCart({ userId }, cables, 60);

    newBrowser();
    const anonymous = cartOwnerOf(await getOrCreateSession());
    await addToCart(anonymous, tray, 3);
    await addToCart(anonymous, mug, 2);
    await addToCart(anonymous, cables, 60);
    const { capped } = await login({ email, password: PASSWORD });

    expect(capped.sort((a, b) => a.productId - b.productId)).toEqual(
      [
        { productId: tray, name: "Paper Tray", requested: 5, kept: 3 },
        { productId: cables, name: "Cable Organiser", requested: 120, kept: 99 },
      ].sort((a, b) => a.productId - b.productId),
    );
    const cart = await getCart({ userId });
    const quantities = Object.fromEntries(cart.lines.map((l) => [l.name, l.quantity]));
    expect(quantities).toEqual({ "Paper Tray": 3, "Camp Mug": 2, "Cable Organiser": 99 });
    expect((await getCart(anonymous)).lines).toEqual([]);
  });

  it("reports nothing when everything fits", async () => {
    const { email } = await registeredBrowser();
    newBrowser();
    await addToMyCart({ productId: await productIdBySlug("camp-mug"), quantity: 4 });
    const { capped } = await login({ email, password: PASSWORD });
    expect(capped).toEqual([]);
    expect((await readMyCart()).itemCount).toBe(4);
  });
});
