import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { addresses } from "@/db/schema";
import { withDb } from "./database";
import { AppError } from "./errors";
import { claimFormToken } from "./form-token";
import { singleLineText } from "./validation";

const text = (label: string, max: number) =>
  singleLineText(label)
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(max, `The ${label} is too long (${max} characters at most).`);

export const addressSchema = z.object({
  fullName: text("full name", 120),
  line1: text("street address", 200),
  line2: singleLineText("second address line")
    .trim()
    .max(200, "The second address line is too long.")
    .default(""),
  city: text("town or city", 100),
  postalCode: text("postcode", 20),
  country: text("country", 60),
});
export type AddressInput = z.infer<typeof addressSchema>;
export type Address = AddressInput & { id: number; isDefault: boolean };

const columns = {
  id: addresses.id,
  fullName: addresses.fullName,
  line1: addresses.line1,
  line2: addresses.line2,
  city: addresses.city,
  postalCode: addresses.postalCode,
  country: addresses.country,
  isDefault: addresses.isDefault,
};

/** A user's addresses, the default first. */
export async function listAddresses(userId: number): Promise<Address[]> {
  return withDb((db) =>
    db
      .select(columns)
      .from(addresses)
      .where(eq(addresses.userId, userId))
      .orderBy(desc(addresses.isDefault), asc(addresses.id)),
  );
}

export async function getAddress(db: Queryable, userId: number, id: number): Promise<Address> {
  const rows = await db
    .select(columns)
    .from(addresses)
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)));
  if (!rows[0])
    throw new AppError("NOT_FOUND", "That address is not in your address book.", { field: "addressId" });
  return rows[0];
}

// Address changes of one user take turns (row lock on the user): "one default" stays true even
// when two tabs set different defaults at once.
async function lockUser(tx: Queryable, userId: number): Promise<void> {
  await tx.execute(sql`select id from users where id = ${userId} for update`);
}

async function clearDefault(tx: Queryable, userId: number): Promise<void> {
  await tx
    .update(addresses)
    .set({ isDefault: false })
    .where(and(eq(addresses.userId, userId), eq(addresses.isDefault, true)));
}

/** Adds an address; the first one, or one marked default, becomes the default. */
export async function insertAddress(
  tx: Queryable,
  userId: number,
  input: AddressInput & { makeDefault?: boolean },
): Promise<Address> {
  await lockUser(tx, userId);
  const existing = await tx.execute<{ n: number }>(
    sql`select count(*)::int as n from addresses where user_id = ${userId}`,
  );
  const isDefault = input.makeDefault === true || Number(existing.rows[0]!.n) === 0;
  if (isDefault) await clearDefault(tx, userId);
  const { makeDefault: _, ...fields } = input;
  const [row] = await tx
    .insert(addresses)
    .values({ ...fields, userId, isDefault })
    .returning(columns);
  return row!;
}

/**
 * Adds an address from the account page's form: with a form token (lib/form-token.ts) a repeat of
 * the same form (a double click without JavaScript) adds nothing. Returns null for a repeat.
 */
export async function createAddressOnce(
  session: { id: string; userId: number },
  input: AddressInput & { makeDefault?: boolean },
  formToken: string | null,
): Promise<Address | null> {
  return withDb((db) =>
    db.transaction(async (tx) => {
      if (formToken && !(await claimFormToken(tx, session.id, formToken))) return null;
      return insertAddress(tx, session.userId, input);
    }),
  );
}

export async function updateAddress(userId: number, id: number, input: AddressInput): Promise<Address> {
  return withDb(async (db) => {
    const [row] = await db
      .update(addresses)
      .set(input)
      .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
      .returning(columns);
    if (!row) throw new AppError("NOT_FOUND", "That address is not in your address book.");
    return row;
  });
}

/** Deleting the default promotes the oldest remaining address, so there is a default while any exist. */
export async function deleteAddress(userId: number, id: number): Promise<void> {
  await withDb((db) =>
    db.transaction(async (tx) => {
      await lockUser(tx, userId);
      const [gone] = await tx
        .delete(addresses)
        .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
        .returning({ isDefault: addresses.isDefault });
      if (!gone) throw new AppError("NOT_FOUND", "That address is not in your address book.");
      if (gone.isDefault) {
        await tx.execute(sql`
          update addresses set is_default = true
          where id = (select min(id) from addresses where user_id = ${userId})`);
      }
    }),
  );
}

/** The old default is cleared and the new one set in one transaction. */
export async function setDefaultAddress(userId: number, id: number): Promise<void> {
  await withDb((db) =>
    db.transaction(async (tx) => {
      await lockUser(tx, userId);
      await getAddress(tx, userId, id);
      await clearDefault(tx, userId);
      await tx.update(addresses).set({ isDefault: true }).where(eq(addresses.id, id));
    }),
  );
}
