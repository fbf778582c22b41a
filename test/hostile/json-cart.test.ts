import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as cartItem from "@/app/api/cart/items/[productId]/route";
import * as cartItems from "@/app/api/cart/items/route";
import { getDb } from "@/lib/database";
import { productIdBySlug } from "@/test/fixtures";
import { currentBrowser, newBrowser } from "@/test/request";
import { callRoute, databaseState, expectRefusal, fcOptions, junk } from "./harness";

let productId: number;
const isGoodQuantity = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 99;
const isKnownId = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 28;

const add = (body: unknown) => callRoute(cartItems.POST, { method: "POST", path: "/api/cart/items", body });

beforeAll(async () => {
  await getDb();
  productId = await productIdBySlug("camp-mug");
});

beforeEach(() => {
  newBrowser();
});

describe("POST /api/cart/items with hostile bodies", () => {
  it("refuses any quantity that is not a whole number 1–99 (no coercion), and changes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        junk.filter((v) => !isGoodQuantity(v)),
        async (quantity) => {
          newBrowser();
          const before = await databaseState();
          const answer = await add({ productId, quantity });
          expectRefusal(answer, quantity);
          expect(answer.body.error?.field, JSON.stringify(quantity)).toBe("quantity");
          expect(await databaseState()).toBe(before);
          expect(currentBrowser().jar.size, "no session cookie for a refused add").toBe(0);
        },
      ),
      fcOptions(40),
    );
  });

  it("refuses unknown and malformed product ids without creating a session", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(junk, fc.integer({ min: 29, max: 2 ** 31 + 5 })).filter((v) => !isKnownId(v)),
        async (id) => {
          newBrowser();
          const before = await databaseState();
          const answer = await add({ productId: id, quantity: 1 });
          expectRefusal(answer, id);
          expect(answer.body.error?.field, JSON.stringify(id)).toBe("productId");
          expect(await databaseState()).toBe(before);
          expect(currentBrowser().jar.size, "no session cookie for a refused add").toBe(0);
        },
      ),
      fcOptions(40),
    );
  });

  it("names an extra field, and refuses a body that is not an object", async () => {
    const extra = await add({ productId, quantity: 1, priceCents: 1 });
    expectRefusal(extra, "extra");
    expect(extra.body.error?.message).toContain("priceCents");
    for (const body of [[], "x", 1, null, [{ productId, quantity: 1 }]]) {
      expectRefusal(await add(body), body);
    }
  });

  it("refuses wrong content types (415), oversized (413) and malformed (400) bodies", async () => {
    const before = await databaseState();
    const cases: [Record<string, string>, BodyInit, number][] = [
      [{ "content-type": "text/plain" }, JSON.stringify({ productId, quantity: 1 }), 415],
      [{ "content-type": "application/x-www-form-urlencoded" }, `productId=${productId}&quantity=1`, 415],
      [{}, JSON.stringify({ productId, quantity: 1 }), 415],
      [
        { "content-type": "application/json" },
        `{"productId":${productId},"quantity":1,"x":"${"a".repeat(20_000)}"}`,
        413,
      ],
      [{ "content-type": "application/json" }, '{"productId":', 400],
      [{ "content-type": "application/json" }, "\u0000\u0001", 400],
      [{ "content-type": "application/json" }, "", 400],
    ];
    for (const [headers, raw, status] of cases) {
      const answer = await callRoute(cartItems.POST, {
        method: "POST",
        path: "/api/cart/items",
        raw,
        headers,
      });
      expect(answer.status, JSON.stringify(headers)).toBe(status);
      expectRefusal(answer, headers);
    }
    expect(await databaseState()).toBe(before);
  });
});

describe("PATCH and DELETE /api/cart/items/:productId with hostile input", () => {
  it("refuses malformed path ids and bad quantities, and leaves the cart as it was", async () => {
    expect((await add({ productId, quantity: 2 })).status).toBe(200);
    const pathIds = fc.oneof(
      fc.constantFrom("99999999999", "1e3", "0x1", "-1", "0", "1.5", " 1", "abc", "%00", "1;drop", "９"),
      fc.string({ maxLength: 12 }).filter((s) => !/^[1-9]\d*$/.test(s)),
    );
    await fc.assert(
      fc.asyncProperty(
        pathIds,
        junk.filter((v) => !isGoodQuantity(v)),
        async (id, quantity) => {
          const before = await databaseState();
          const patchBad = await callRoute(cartItem.PATCH, {
            method: "PATCH",
            path: `/api/cart/items/${encodeURIComponent(id)}`,
            params: { productId: id },
            body: { quantity: 1 },
          });
          expectRefusal(patchBad, id);
          const patchQuantity = await callRoute(cartItem.PATCH, {
            method: "PATCH",
            path: `/api/cart/items/${productId}`,
            params: { productId: String(productId) },
            body: { quantity },
          });
          expectRefusal(patchQuantity, quantity);
          const remove = await callRoute(cartItem.DELETE, {
            method: "DELETE",
            path: `/api/cart/items/${encodeURIComponent(id)}`,
            params: { productId: id },
          });
          expectRefusal(remove, id);
          expect(await databaseState()).toBe(before);
        },
      ),
      fcOptions(25),
    );
  });
});
