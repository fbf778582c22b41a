// @module-tag pglite
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import {
  getOrCreateSession,
  PASSWORD,
  productIdBySlug,
  registeredBrowser,
  sessionCookie,
  uniqueEmail,
} from "@/test/fixtures";
import { newBrowser, useBrowser } from "@/test/request";
import { login, logout } from "../auth";
import { addToCart, cartOwnerOf } from "../cart";
import { getDb } from "../database";
import { getSession, listMySessions, signOutOtherSessions } from "./index";
import { sessionPolicy } from "./policy";
import { resolveSessionCookie } from "./resolve";
import { sealToken, unsealToken } from "./seal";
import { newSessionToken, sessionIdOf } from "./token";

async function sessionRows() {
  const db = await getDb();
  const result = await db.execute<{ id: string; user_id: number | null }>(
    sql`select id, user_id from sessions`,
  );
  return result.rows;
}

beforeEach(() => {
  newBrowser();
});

describe("session cookie and row", () => {
  it("creates no row for a visitor who only looks", async () => {
    const before = (await sessionRows()).length;
    expect(await getSession()).toBeNull();
    expect((await sessionRows()).length).toBe(before);
  });

  it("stores SHA-256 of the token, never the token, and the cookie carries only a sealed token", async () => {
    const browser = newBrowser();
    const session = await getOrCreateSession();
    const seal = sessionCookie(browser)!;
    const token = await unsealToken(seal, 3600);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    expect(session.id).toBe(sessionIdOf(token!));
    expect(session.id).not.toBe(token);
    const db = await getDb();
    const dump = await db.execute<{ row: string }>(sql`select row_to_json(s)::text as row from sessions s`);
    expect(dump.rows.some((r) => r.row.includes(token!))).toBe(false);
    expect(browser.jar.get("kc_session")?.options).toMatchObject({
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: false,
    });
    expect(browser.jar.get("kc_session")?.options.maxAge).toBeGreaterThan(
      sessionPolicy().absoluteMs / 1000 - 5,
    );
  });

  it("never gives two sessions the same key", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) {
      newBrowser();
      ids.add((await getOrCreateSession()).id);
    }
    expect(ids.size).toBe(200);
  });

  it("treats a cookie without a row, and a row without a cookie, as no session", async () => {
    const browser = newBrowser();
    const session = await getOrCreateSession();
    const seal = sessionCookie(browser)!;
    newBrowser(); // same row, no cookie
    expect(await getSession()).toBeNull();
    const db = await getDb();
    await db.execute(sql`delete from sessions where id = ${session.id}`);
    const resolved = await resolveSessionCookie(seal);
    expect(resolved).toEqual({ session: null, invalidCookie: true });
  });

  it("treats tampered, truncated, foreign and garbage cookies as no session", async () => {
    const browser = newBrowser();
    await getOrCreateSession();
    const seal = sessionCookie(browser)!;
    const flipped = seal.slice(0, 60) + (seal[60] === "a" ? "b" : "a") + seal.slice(61);
    const { sealData } = await import("iron-session");
    const foreign = await sealData(
      { t: newSessionToken() },
      { password: "another-secret-another-secret-0000000", ttl: 3600 },
    );
    for (const bad of [
      flipped,
      seal.slice(0, seal.length - 10),
      foreign,
      "garbage",
      "x".repeat(5000),
      "Fe26.2**",
    ]) {
      expect(await resolveSessionCookie(bad)).toEqual({ session: null, invalidCookie: true });
    }
  });

  it("unseals with any listed secret and seals with the newest (rotation)", async () => {
    const token = newSessionToken();
    const old = await sealToken(token, 3600);
    process.env.SESSION_SECRET = `2:${"n".repeat(40)},1:${process.env.SESSION_SECRET}`;
    const { parseEnv } = await import("../env");
    const rotated = parseEnv(process.env).sessionSecrets;
    expect(Object.keys(rotated).sort()).toEqual(["1", "2"]);
    const { unsealData, sealData } = await import("iron-session");
    expect(await unsealData(old, { password: rotated, ttl: 3600 })).toEqual({ t: token });
    const fresh = await sealData({ t: token }, { password: rotated, ttl: 3600 });
    expect(fresh.split("*")[1]).toBe("2");
  });
});

describe("login, logout and revocation", () => {
  it("login issues a new token; the pre-login cookie is dead afterwards", async () => {
    const { email } = await registeredBrowser();
    const browser = newBrowser();
    await getOrCreateSession();
    const before = sessionCookie(browser)!;
    await login({ email, password: PASSWORD });
    const after = sessionCookie(browser)!;
    expect(after).not.toBe(before);
    expect((await resolveSessionCookie(before)).session).toBeNull();
    expect((await resolveSessionCookie(after)).session?.email).toBe(email);
  });

  it("logout deletes the row at once: a saved copy of the cookie is worthless", async () => {
    const { browser } = await registeredBrowser();
    const saved = sessionCookie(browser)!;
    expect((await resolveSessionCookie(saved)).session).not.toBeNull();
    await logout();
    expect(sessionCookie(browser)).toBeUndefined();
    expect((await resolveSessionCookie(saved)).session).toBeNull();
  });

  it("sign out other sessions keeps this one and kills the rest", async () => {
    const { email } = await registeredBrowser();
    const phone = newBrowser();
    await login({ email, password: PASSWORD });
    const laptop = newBrowser();
    await login({ email, password: PASSWORD });
    expect((await listMySessions()).length).toBe(3);
    expect(await signOutOtherSessions()).toBe(2);
    expect((await resolveSessionCookie(sessionCookie(phone))).session).toBeNull();
    expect((await resolveSessionCookie(sessionCookie(laptop))).session?.email).toBe(email);
    const mine = await listMySessions();
    expect(mine).toHaveLength(1);
    expect(mine[0]!.current).toBe(true);
  });

  it("brings user, cart count and unread count in the one read", async () => {
    const { browser, email } = await registeredBrowser(uniqueEmail("counts"));
    const session = (await resolveSessionCookie(sessionCookie(browser))).session!;
    await addToCart(cartOwnerOf(session), await productIdBySlug("camp-mug"), 3);
    const again = (await resolveSessionCookie(sessionCookie(browser))).session!;
    expect(again).toMatchObject({ email, cartCount: 3, unreadCount: 0 });
    useBrowser(browser);
  });
});

describe("expiry", () => {
  it("expires exactly at the idle bound, and a renewal slides it", async () => {
    const policy = sessionPolicy();
    const browser = newBrowser();
    const created = await getOrCreateSession();
    const seal = sessionCookie(browser)!;
    const t0 = created.createdAt.getTime();
    expect((await resolveSessionCookie(seal, new Date(t0 + policy.idleMs - 1))).session).not.toBeNull();
    // That read was past the renewal interval, so it slid the idle expiry from there.
    const renewedAt = t0 + policy.idleMs - 1;
    expect(
      (await resolveSessionCookie(seal, new Date(renewedAt + policy.idleMs - 1))).session,
    ).not.toBeNull();
    expect((await resolveSessionCookie(seal, new Date(t0 + policy.idleMs))).session).not.toBeNull();

    const other = newBrowser();
    const fresh = await getOrCreateSession();
    const otherSeal = sessionCookie(other)!;
    expect(
      (await resolveSessionCookie(otherSeal, new Date(fresh.createdAt.getTime() + policy.idleMs))).session,
    ).toBeNull();
  });

  it("expires at the absolute bound however active the session is", async () => {
    const policy = sessionPolicy();
    const browser = newBrowser();
    const created = await getOrCreateSession();
    const seal = sessionCookie(browser)!;
    const t0 = created.createdAt.getTime();
    // Active every renewal interval (and then some) right up to the end.
    for (let t = t0 + policy.renewalMs; t < t0 + policy.absoluteMs; t += policy.idleMs / 2) {
      expect((await resolveSessionCookie(seal, new Date(t))).session).not.toBeNull();
    }
    expect((await resolveSessionCookie(seal, new Date(t0 + policy.absoluteMs - 1))).session).not.toBeNull();
    expect((await resolveSessionCookie(seal, new Date(t0 + policy.absoluteMs))).session).toBeNull();
  });

  it("writes the idle expiry at most once per renewal interval", async () => {
    const db = await getDb();
    await db.execute(sql`create table if not exists session_write_count (n int not null)`);
    await db.execute(sql`delete from session_write_count`);
    await db.execute(sql`insert into session_write_count values (0)`);
    await db.execute(
      sql.raw(`create or replace function count_session_write() returns trigger language plpgsql as
      $$ begin update session_write_count set n = n + 1; return new; end $$`),
    );
    await db.execute(sql`drop trigger if exists count_session_writes on sessions`);
    await db.execute(
      sql.raw(
        `create trigger count_session_writes after update on sessions for each row execute function count_session_write()`,
      ),
    );

    const policy = sessionPolicy();
    const browser = newBrowser();
    const created = await getOrCreateSession();
    const seal = sessionCookie(browser)!;
    const t0 = created.createdAt.getTime();
    const readsPerInterval = 25;
    const intervals = 4;
    for (let i = 0; i < intervals * readsPerInterval; i++) {
      const t = t0 + Math.floor((i * policy.renewalMs) / readsPerInterval) + 1;
      expect((await resolveSessionCookie(seal, new Date(t))).session).not.toBeNull();
    }
    const writes = await db.execute<{ n: number }>(sql`select n from session_write_count`);
    // 100 reads over 4 intervals: a write when each new interval is first seen (after the first), no more.
    expect(Number(writes.rows[0]!.n)).toBe(intervals - 1);
    await db.execute(sql`drop trigger count_session_writes on sessions`);
  });
});
