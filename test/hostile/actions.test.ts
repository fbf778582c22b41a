import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loginAction, registerAction } from "@/app/(auth)/actions";
import { confirmAccountAction, confirmEmailAction } from "@/app/(auth)/recovery-actions";
import { deleteAddressAction, saveAddressAction, setDefaultAddressAction } from "@/app/account/actions";
import { moveOrderAction } from "@/app/admin/orders/actions";
import { updateProductAction } from "@/app/admin/products/actions";
import { addToCartAction, changeCartLineAction } from "@/app/cart/actions";
import { placeOrderAction } from "@/app/checkout/actions";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/database";
import { addToMyCart } from "@/lib/my-cart";
import { hasForbiddenCharacters } from "@/lib/validation";
import { productIdBySlug, registeredBrowser } from "@/test/fixtures";
import { currentBrowser, newBrowser } from "@/test/request";
import { databaseState, fcOptions, hostileText, junkScalars } from "./harness";

process.env.ADMIN_USERS = `staff:${await hashPassword("staff-password-for-tests")}`;

/** Form values are text: every junk value as a browser (or a forged POST) would send it. */
const formValue = fc.oneof(
  fc.constantFrom(...junkScalars.map((v) => (typeof v === "string" ? v : JSON.stringify(v)))),
  hostileText(),
  fc.string({ maxLength: 20 }),
);

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

type Result = { ok: boolean; error?: { code: string; message: string } } | null;

function expectActionRefusal(result: Result, label: unknown): void {
  const where = JSON.stringify(label)?.slice(0, 300);
  expect(result?.ok, where).toBe(false);
  expect(["INTERNAL", "UNAVAILABLE"], where).not.toContain(result?.error?.code);
  expect(result?.error?.message.length, where).toBeGreaterThan(5);
}

const address = {
  fullName: "Ada Lovelace",
  line1: "1 Analytical Row",
  city: "London",
  postalCode: "N1 1AA",
  country: "United Kingdom",
};

let mug: number;
beforeAll(async () => {
  await getDb();
  mug = await productIdBySlug("camp-mug");
});

beforeEach(() => {
  newBrowser();
});

describe("cart actions with hostile form fields", () => {
  it("refuse bad product ids and quantities with a message, create no session and change nothing", async () => {
    const good = (v: string) => /^\s*([1-9]|[1-9]\d)(\.0*)?\s*$/.test(v);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          formValue.filter((v) => !good(v)).map((quantity) => ({ productId: String(mug), quantity })),
          fc
            .oneof(formValue, fc.integer({ min: 29, max: 2 ** 31 + 9 }).map(String))
            .filter((v) => !/^([1-9]|1\d|2[0-8])$/.test(v))
            .map((productId) => ({ productId, quantity: "1" })),
        ),
        async (fields) => {
          newBrowser();
          const before = await databaseState();
          expectActionRefusal(await addToCartAction(null, form(fields)), fields);
          expectActionRefusal(
            await changeCartLineAction(null, form({ ...fields, intent: "update" })),
            fields,
          );
          expect(await databaseState()).toBe(before);
          expect(currentBrowser().jar.size).toBe(0);
        },
      ),
      fcOptions(30),
    );
  });
});

describe("account and checkout actions with hostile form fields", () => {
  beforeEach(async () => {
    await registeredBrowser();
    await addToMyCart({ productId: mug, quantity: 1 });
  });

  it("refuse hostile address text and ids, and change nothing", async () => {
    const fieldNames = Object.keys(address);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fieldNames),
        formValue.filter((v) => hasForbiddenCharacters(v) || v.trim() === "" || v.length > 200),
        formValue.filter((v) => v !== "" && !/^[1-9]\d{0,9}$/.test(v) && v !== "new"),
        async (field, value, id) => {
          const before = await databaseState();
          const fields = { ...address, [field]: value };
          expectActionRefusal(await saveAddressAction(null, form(fields)), fields);
          expectActionRefusal(await saveAddressAction(null, form({ ...address, id })), id);
          expectActionRefusal(await deleteAddressAction(null, form({ id })), id);
          expectActionRefusal(await setDefaultAddressAction(null, form({ id })), id);
          const checkout = { ...fields, idempotencyKey: crypto.randomUUID(), addressId: "new" };
          expectActionRefusal(await placeOrderAction(null, form(checkout)), checkout);
          expectActionRefusal(
            await placeOrderAction(null, form({ idempotencyKey: crypto.randomUUID(), addressId: id })),
            id,
          );
          expect(await databaseState()).toBe(before);
        },
      ),
      fcOptions(25),
    );
  });
});

describe("login and register actions with hostile form fields", () => {
  it("refuse with a message and create nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        formValue.filter((v) => !v.includes("@")),
        formValue,
        async (email, password) => {
          newBrowser();
          const before = await databaseState();
          expectActionRefusal(await loginAction(null, form({ email, password })), email);
          expectActionRefusal(await registerAction(null, form({ email, password })), email);
          expect(await databaseState()).toBe(before);
        },
      ),
      fcOptions(20),
    );
  });
});

describe("admin actions with hostile form fields", () => {
  it("refuse bad product and order input and change nothing", async () => {
    currentBrowser().headers.set(
      "authorization",
      `Basic ${Buffer.from("staff:staff-password-for-tests").toString("base64")}`,
    );
    await fc.assert(
      fc.asyncProperty(formValue, formValue, async (a, b) => {
        const before = await databaseState();
        const product = { productId: a, price: "12.50", stock: "5", active: "on" };
        if (!/^[1-9]\d*$/.test(a))
          expectActionRefusal(await updateProductAction(null, form(product)), product);
        const stockPrice = { productId: String(mug), price: a, stock: b };
        if (!/^\s*\d{1,6}(\.\d{1,2})?\s*$/.test(a) || !/^\s*\d+\s*$/.test(b)) {
          expectActionRefusal(await updateProductAction(null, form(stockPrice)), stockPrice);
        }
        expectActionRefusal(await moveOrderAction(null, form({ orderId: a, to: "packed" })), a);
        expectActionRefusal(await moveOrderAction(null, form({ orderId: "1", to: b })), b);
        expect(await databaseState()).toBe(before);
      }),
      fcOptions(25),
    );
  });
});

describe("confirmation links with hostile tokens", () => {
  it("refuse with a message and change nothing", async () => {
    await fc.assert(
      fc.asyncProperty(formValue, async (token) => {
        newBrowser();
        const before = await databaseState();
        expectActionRefusal(await confirmAccountAction(null, form({ token })), token);
        expectActionRefusal(await confirmEmailAction(null, form({ token })), token);
        expect(await databaseState()).toBe(before);
      }),
      fcOptions(20),
    );
  });
});
