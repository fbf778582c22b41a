import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as login from "@/app/api/auth/login/route";
import * as register from "@/app/api/auth/register/route";
import * as orderById from "@/app/api/orders/[id]/route";
import * as orders from "@/app/api/orders/route";
import * as productBySlug from "@/app/api/products/[slug]/route";
import * as products from "@/app/api/products/route";
import { getDb } from "@/lib/database";
import { addToMyCart } from "@/lib/my-cart";
import { hasForbiddenCharacters } from "@/lib/validation";
import { productIdBySlug, registeredBrowser } from "@/test/fixtures";
import { newBrowser } from "@/test/request";
import { callRoute, databaseState, expectRefusal, fcOptions, hostileText, junk } from "./harness";

const goodAddress = {
  fullName: "Ada Lovelace",
  line1: "1 Analytical Row",
  city: "London",
  postalCode: "N1 1AA",
  country: "United Kingdom",
};
const place = (body: unknown) => callRoute(orders.POST, { method: "POST", path: "/api/orders", body });

beforeAll(async () => {
  await getDb();
});

beforeEach(() => {
  newBrowser();
});

describe("POST /api/orders with hostile bodies", () => {
  beforeEach(async () => {
    await registeredBrowser();
    await addToMyCart({ productId: await productIdBySlug("camp-mug"), quantity: 1 });
  });

  it("refuses control and invisible characters, wrong types and overlong text in every address field, and places nothing", async () => {
    const fields = Object.keys(goodAddress) as (keyof typeof goodAddress)[];
    const badValue = fc.oneof(
      hostileText().filter((s) => hasForbiddenCharacters(s) || s.trim() === "" || s.length > 200),
      // undefined is a left-out field: valid for the optional line2, so not junk here.
      junk.filter((v) => v !== undefined && typeof v !== "string"),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), badValue, async (field, value) => {
        const before = await databaseState();
        const answer = await place({
          idempotencyKey: randomUUID(),
          address: { ...goodAddress, [field]: value },
        });
        expectRefusal(answer, { field, value });
        expect(answer.body.error?.field).toBe("address");
        expect(await databaseState()).toBe(before);
      }),
      fcOptions(30),
    );
  });

  it("names an extra field in the address and in the body (400), and changes nothing", async () => {
    const before = await databaseState();
    const extra = await place({ idempotencyKey: randomUUID(), address: { ...goodAddress, isAdmin: true } });
    expectRefusal(extra, "extra address field");
    expect(extra.body.error?.message).toContain("isAdmin");
    const top = await place({ idempotencyKey: randomUUID(), address: goodAddress, totalCents: 1 });
    expectRefusal(top, "extra field");
    expect(top.body.error?.message).toContain("totalCents");
    expect(await databaseState()).toBe(before);
  });

  it("refuses junk address ids, idempotency keys and saveAddress flags", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          junk.map((addressId) => ({ idempotencyKey: randomUUID(), addressId })),
          junk
            .filter((k) => typeof k !== "string" || !/^[A-Za-z0-9_-]{16,100}$/.test(k))
            .map((idempotencyKey) => ({ idempotencyKey, address: goodAddress })),
          junk
            // saveAddress is optional: leaving it out (undefined) is a valid order, not junk.
            .filter((v) => v !== undefined && typeof v !== "boolean")
            .map((saveAddress) => ({ idempotencyKey: randomUUID(), address: goodAddress, saveAddress })),
        ),
        async (body) => {
          const before = await databaseState();
          expectRefusal(await place(body), body);
          expect(await databaseState()).toBe(before);
        },
      ),
      fcOptions(30),
    );
  });

  it("answers 404 for malformed and unknown order ids", async () => {
    for (const id of ["99999999999", "1e3", "0x1", "-1", "abc", "\u0000", "1".repeat(400), "424242"]) {
      const answer = await callRoute(orderById.GET, {
        method: "GET",
        path: `/api/orders/${encodeURIComponent(id)}`,
        params: { id },
      });
      expectRefusal(answer, id);
    }
  });
});

describe("register and login with hostile bodies", () => {
  it("refuses junk emails and passwords without creating an account or a session", async () => {
    const badEmail = fc.oneof(junk, hostileText()).filter((v) => typeof v !== "string" || !v.includes("@"));
    await fc.assert(
      fc.asyncProperty(badEmail, fc.oneof(junk, hostileText()), async (email, password) => {
        newBrowser();
        const before = await databaseState();
        for (const route of [register.POST, login.POST]) {
          const answer = await callRoute(route, {
            method: "POST",
            path: "/api/auth/x",
            body: { email, password },
          });
          expectRefusal(answer, { email, password });
        }
        expect(await databaseState()).toBe(before);
      }),
      fcOptions(25),
    );
  });
});

describe("catalog reads with hostile input", () => {
  it("answers 400 or an empty list for hostile searches, 404 for hostile slugs, never 500", async () => {
    await fc.assert(
      fc.asyncProperty(hostileText(), async (text) => {
        const q = new URLSearchParams({ q: text, category: text });
        const list = await callRoute(products.GET, { method: "GET", path: `/api/products?${q}` });
        if (list.status !== 200) expectRefusal(list, text);
        const one = await callRoute(productBySlug.GET, {
          method: "GET",
          path: `/api/products/${encodeURIComponent(text)}`,
          params: { slug: text },
        });
        expect(one.status, JSON.stringify(text)).toBe(404);
      }),
      fcOptions(30),
    );
    const nul = await callRoute(products.GET, { method: "GET", path: "/api/products?q=%00" });
    expect(nul.status).toBe(400);
    expect(nul.body.error?.field).toBe("q");
  });
});
