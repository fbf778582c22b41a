import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Address, type AddressInput, insertAddress } from "@/lib/addresses";
import { getDb } from "@/lib/database";
import { COOKIE_NAME } from "@/lib/session/cookie";
import type { SessionRecord } from "@/lib/session/store";
import { newBrowser, type TestBrowser } from "./request";

export const PASSWORD = "correct horse battery staple";

export function uniqueEmail(label = "shopper"): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

/** A fresh browser that has registered (and so is logged in) as a new user. */
export async function registeredBrowser(
  email = uniqueEmail(),
): Promise<{ browser: TestBrowser; email: string; userId: number }> {
  const browser = newBrowser();
  const { register } = await import("@/lib/auth");
  const { userId } = await register({ email, password: PASSWORD });
  return { browser, email, userId };
}

/**
 * The current browser's session, created as the first write creates it (`writeWithSession`, with a
 * write that does nothing): for tests that need a session row before they act.
 */
export async function getOrCreateSession(): Promise<SessionRecord> {
  const { writeWithSession } = await import("@/lib/session");
  return writeWithSession(async (_tx, session) => session);
}

export function sessionCookie(browser: TestBrowser): string | undefined {
  return browser.cookieValue(COOKIE_NAME);
}

export async function productIdBySlug(slug: string): Promise<number> {
  const db = await getDb();
  const result = await db.execute<{ id: number }>(sql`select id from products where slug = ${slug}`);
  return result.rows[0]!.id;
}

export async function countRows(table: string): Promise<number> {
  const db = await getDb();
  const result = await db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
  return Number(result.rows[0]!.n);
}

/** An address added as the account page adds one (lib/addresses.ts `insertAddress`, its own transaction). */
export async function addAddress(
  userId: number,
  input: AddressInput & { makeDefault?: boolean },
): Promise<Address> {
  const db = await getDb();
  return db.transaction((tx) => insertAddress(tx, userId, input));
}
