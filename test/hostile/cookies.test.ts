import { sql } from "drizzle-orm";
import fc from "fast-check";
import { sealData } from "iron-session";
import { beforeAll, describe, expect, it } from "vitest";
import * as me from "@/app/api/auth/me/route";
import { getDb } from "@/lib/database";
import { env } from "@/lib/env";
import { COOKIE_NAME } from "@/lib/session/cookie";
import { sealToken } from "@/lib/session/seal";
import { sessionIdOf } from "@/lib/session/token";
import { registeredBrowser, sessionCookie } from "@/test/fixtures";
import { currentBrowser, newBrowser } from "@/test/request";
import { callRoute, fcOptions } from "./harness";

const TTL = 3600;

/** What GET /api/auth/me says for a browser that sends `value` as its session cookie. */
async function whoAmI(value: string): Promise<{ status: number; user: unknown; cookieKept: boolean }> {
  const browser = newBrowser();
  browser.jar.set(COOKIE_NAME, { value, options: {} });
  const answer = await callRoute(me.GET, { method: "GET", path: "/api/auth/me" });
  const body = answer.body as { user?: unknown };
  return {
    status: answer.status,
    user: body.user,
    cookieKept: currentBrowser().cookieValue(COOKIE_NAME) === value,
  };
}

let victim: { email: string; userId: number; seal: string };
beforeAll(async () => {
  await getDb();
  const { email, userId, browser } = await registeredBrowser();
  victim = { email, userId, seal: sessionCookie(browser)! };
  expect((await whoAmI(victim.seal)).user).toMatchObject({ id: userId });
});

describe("hostile session cookies", () => {
  it("random text and bytes: anonymous, cookie cleared, never a 500", async () => {
    const junkCookie = fc.oneof(
      fc.string({ maxLength: 2000 }),
      fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b).toString("base64url")),
      fc.constantFrom("Fe26.2**", "Fe26.2*1*a*b*c*d*e*f*g", "Fe26.2*9*".padEnd(300, "*"), "x".repeat(5000)),
    );
    await fc.assert(
      fc.asyncProperty(
        junkCookie.filter((s) => s.length > 0),
        async (value) => {
          const answer = await whoAmI(value);
          expect(answer.status, JSON.stringify(value)).toBe(200);
          expect(answer.user).toBeNull();
          expect(answer.cookieKept).toBe(false);
        },
      ),
      fcOptions(40),
    );
  });

  it("a truncated or bit-flipped real seal is nobody's session", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: victim.seal.length - 1 }), async (cut) => {
        // Dropping only the "~<secret id>" suffix still names the same seal (the first secret is tried).
        const truncated = await whoAmI(victim.seal.slice(0, cut) || "x");
        if (cut < victim.seal.lastIndexOf("~")) expect(truncated.user).toBeNull();
        else if (truncated.user !== null) expect(truncated.user).toMatchObject({ id: victim.userId });
        const flipped =
          victim.seal.slice(0, cut) + (victim.seal[cut] === "A" ? "B" : "A") + victim.seal.slice(cut + 1);
        const answer = await whoAmI(flipped);
        expect(answer.status).toBe(200);
        // Flipping the seal's unused version separators can leave it valid; it must still be the victim's or nobody's.
        if (answer.user !== null) expect(answer.user).toMatchObject({ id: victim.userId });
      }),
      fcOptions(30),
    );
  });

  it("a seal made with another secret, or carrying a non-token payload, is nobody's session", async () => {
    const foreign = await sealData(
      { t: "a".repeat(43) },
      { password: "another-secret-another-secret-0000000001", ttl: TTL },
    );
    expect(await whoAmI(foreign)).toMatchObject({ status: 200, user: null, cookieKept: false });
    for (const t of [123, null, "short", { $ne: "" }, ["x".repeat(43)], "\u0000".repeat(43)]) {
      const seal = await sealData({ t }, { password: env().sessionSecrets, ttl: TTL });
      expect(await whoAmI(seal), JSON.stringify(t)).toMatchObject({ status: 200, user: null });
    }
  });

  it("a valid seal whose token is the victim's row id (a leaked sessions table) is not the victim", async () => {
    const db = await getDb();
    const rows = await db.execute<{ id: string }>(
      sql`select id from sessions where user_id = ${victim.userId}`,
    );
    for (const { id } of rows.rows) {
      const answer = await whoAmI(await sealToken(id, TTL));
      expect(answer).toMatchObject({ status: 200, user: null, cookieKept: false });
      expect(sessionIdOf(id)).not.toBe(id);
    }
  });

  it("a valid seal of a deleted session is anonymous and cleared", async () => {
    const { browser, userId } = await registeredBrowser();
    const seal = sessionCookie(browser)!;
    expect((await whoAmI(seal)).user).toMatchObject({ id: userId });
    const db = await getDb();
    await db.execute(sql`delete from sessions where user_id = ${userId}`);
    expect(await whoAmI(seal)).toMatchObject({ status: 200, user: null, cookieKept: false });
  });
});
