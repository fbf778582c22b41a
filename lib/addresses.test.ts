// @module-tag pglite
import { beforeAll, describe, expect, it } from "vitest";
import { addAddress, registeredBrowser } from "@/test/fixtures";
import { runAction } from "./action-result";
import { addressSchema, deleteAddress, listAddresses, setDefaultAddress, updateAddress } from "./addresses";
import { getDb } from "./database";
import type { AppError } from "./errors";
import { errorResponse } from "./http/api";
import { parseInput } from "./validation";

const home = {
  fullName: "Ada Lovelace",
  line1: "12 Square",
  line2: "",
  city: "London",
  postalCode: "SW1",
  country: "UK",
};
const work = { ...home, line1: "1 Office Park", city: "Leeds" };
const cabin = { ...home, line1: "Lakeside", city: "Keswick" };

const defaults = async (userId: number) =>
  (await listAddresses(userId)).filter((a) => a.isDefault).map((a) => a.city);

beforeAll(async () => {
  await getDb();
});

describe("addresses", () => {
  it("validates with a message per field", () => {
    expect(() => parseInput(addressSchema, { ...home, city: "  " })).toThrow("Enter the town or city.");
    expect(() => parseInput(addressSchema, { ...home, postalCode: "x".repeat(21) })).toThrow("too long");
    expect(parseInput(addressSchema, { ...home, line2: undefined, fullName: "  Ada  " })).toMatchObject({
      fullName: "Ada",
      line2: "",
    });
  });

  it("reports every invalid field at once, to the form and to the JSON API alike", async () => {
    const input = { ...home, fullName: "", city: " ", postalCode: "x".repeat(21), country: "U\u0000K" };
    const error = (() => {
      try {
        parseInput(addressSchema, input);
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error?.details).toMatchObject({
      field: "fullName",
      fields: {
        fullName: "Enter the full name.",
        city: "Enter the town or city.",
        postalCode: "The postcode is too long (20 characters at most).",
        country: "The country contains characters that are not allowed (control or invisible characters).",
      },
    });
    const result = await runAction("test", async () => parseInput(addressSchema, input));
    expect(result.ok || Object.keys(result.error.fields ?? {})).toEqual([
      "fullName",
      "city",
      "postalCode",
      "country",
    ]);
    const body = await errorResponse(error).json();
    expect(body.error).toMatchObject({
      code: "BAD_INPUT",
      field: "fullName",
      message: "Enter the full name.",
    });
    expect(Object.keys(body.error.fields)).toHaveLength(4);
  });

  it("keeps exactly one default: the first, then whichever is set", async () => {
    const { userId } = await registeredBrowser();
    const a = await addAddress(userId, home);
    const b = await addAddress(userId, work);
    expect(await defaults(userId)).toEqual(["London"]);
    await setDefaultAddress(userId, b.id);
    expect(await defaults(userId)).toEqual(["Leeds"]);
    const c = await addAddress(userId, { ...cabin, makeDefault: true });
    expect(await defaults(userId)).toEqual(["Keswick"]);
    await Promise.all([setDefaultAddress(userId, a.id), setDefaultAddress(userId, b.id)]);
    expect(await defaults(userId)).toHaveLength(1);
    await setDefaultAddress(userId, c.id);
    await deleteAddress(userId, c.id);
    expect(await defaults(userId)).toEqual(["London"]); // the oldest left takes over
  });

  it("edits and deletes only the shopper's own addresses", async () => {
    const { userId } = await registeredBrowser();
    const mine = await addAddress(userId, home);
    const other = await registeredBrowser();
    await expect(updateAddress(other.userId, mine.id, work)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteAddress(other.userId, mine.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setDefaultAddress(other.userId, mine.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await updateAddress(userId, mine.id, work)).toMatchObject({ city: "Leeds", isDefault: true });
    await deleteAddress(userId, mine.id);
    expect(await listAddresses(userId)).toEqual([]);
  });
});
