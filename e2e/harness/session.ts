import { createHash, randomBytes } from "node:crypto";
import type { BrowserContext } from "@playwright/test";
import { sealData } from "iron-session";
import { hashPassword } from "../../lib/auth/password";
import { TEST_SESSION_SECRET } from "./app-server";
import { sql } from "./database";
import { setSessionCookie } from "./shopper";

/**
 * Sessions written straight into a test's database, and the cookie the app would have issued for
 * them (Epic Stack's way): for tests whose subject is not the login form. The form itself is tested
 * in shop.spec.ts and survive-restarts.spec.ts.
 */
export async function seedSession(
  url: string,
  { idleExpiresInMs = 3_600_000, items = 0, userId = null as number | null } = {},
): Promise<{ id: string; seal: string }> {
  const token = randomBytes(32).toString("base64url");
  const id = createHash("sha256").update(token).digest("base64url");
  const now = Date.now();
  await sql(
    url,
    `insert into sessions (id, user_id, created_at, last_seen_at, idle_expires_at, absolute_expires_at)
     values ($1, $2, now(), now(), $3, $4)`,
    [id, userId, new Date(now + idleExpiresInMs), new Date(now + 86_400_000)],
  );
  if (items > 0) {
    const [cart] = await sql<{ id: number }>(url, "insert into carts (session_id) values ($1) returning id", [
      id,
    ]);
    await sql(
      url,
      "insert into cart_items (cart_id, product_id, quantity) select $1, id, $2 from products order by id limit 1",
      [cart!.id, items],
    );
  }
  const seal = await sealData({ t: token }, { password: { 1: TEST_SESSION_SECRET }, ttl: 3600 });
  return { id, seal };
}

/** A new user (with `password`, so a later form login works too), logged in in `context`. */
export async function loginAs(
  context: BrowserContext,
  app: { url: string; databaseUrl: string },
  email: string,
  password: string,
): Promise<{ userId: number }> {
  const [user] = await sql<{ id: number }>(
    app.databaseUrl,
    "insert into users (email, password_hash) values ($1, $2) returning id",
    [email.toLowerCase(), await hashPassword(password)],
  );
  const { seal } = await seedSession(app.databaseUrl, { userId: user!.id });
  await setSessionCookie(context, app.url, seal);
  return { userId: user!.id };
}
