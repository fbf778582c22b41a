import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as loginRoute from "@/app/api/auth/login/route";
import { checkAdmin } from "@/lib/admin/gate";
import { login, loginRules } from "@/lib/auth";
import { hashPassword } from "@/lib/auth/password";
import { claimAttempt, THROTTLE_WINDOW_MS } from "@/lib/auth/throttle";
import { getDb } from "@/lib/db";
import { PASSWORD, registeredBrowser } from "@/test/fixtures";
import { newBrowser } from "@/test/request";
import { callRoute } from "./harness";

process.env.ADMIN_USERS = `staff:${await hashPassword("staff-password-for-tests")}`;
const STAFF_PASSWORD = "staff-password-for-tests";

async function setCount(key: string, failures: number): Promise<void> {
  const db = await getDb();
  await db.execute(sql`
    insert into auth_throttle (key, failures, window_started_at) values (${key}, ${failures}, now())
    on conflict (key) do update set failures = excluded.failures, window_started_at = excluded.window_started_at`);
}

function fromIp(ip: string) {
  const browser = newBrowser();
  browser.headers.set("x-forwarded-for", ip);
  return browser;
}

const tryLogin = (email: string, password: string) =>
  callRoute(loginRoute.POST, { method: "POST", path: "/api/auth/login", body: { email, password } });

const basic = (user: string, password: string, ip: string) =>
  new Headers({
    authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
    "x-forwarded-for": ip,
  });

beforeAll(async () => {
  await getDb();
});

describe("login brute force", () => {
  it("lets at most 10 of 16 parallel wrong guesses for one account through; the rest are 429", async () => {
    const { email } = await registeredBrowser();
    fromIp("192.0.2.10");
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) => tryLogin(email, `wrong guess ${i}`)),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(6);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    // Locked even for the right password (from another ip too) until the window ends...
    fromIp("192.0.2.11");
    const locked = await tryLogin(email, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error?.message).toMatch(/Too many failed attempts/);
    // ...and open again after it, without anyone waiting 15 minutes.
    const later = new Date(Date.now() + THROTTLE_WINDOW_MS + 1000);
    await expect(login({ email, password: PASSWORD }, { now: later })).resolves.toMatchObject({});
  });

  it("refuses an ip that has failed too often, whichever account it tries", async () => {
    const { email } = await registeredBrowser();
    await setCount("ip:192.0.2.20", 50);
    fromIp("192.0.2.20");
    expect((await tryLogin(email, PASSWORD)).status).toBe(429);
    fromIp("192.0.2.21");
    expect((await tryLogin(email, PASSWORD)).status).toBe(200);
  });

  it("a right password gives its claim back: successful logins never lock an ip out", async () => {
    const { email } = await registeredBrowser();
    fromIp("192.0.2.30");
    for (let i = 0; i < 4; i++) expect((await tryLogin(email, PASSWORD)).status).toBe(200);
    const db = await getDb();
    const row = await db.execute<{ failures: number }>(
      sql`select failures from auth_throttle where key = 'ip:192.0.2.30'`,
    );
    expect(Number(row.rows[0]?.failures ?? 0)).toBe(0);
  });
});

describe("admin basic auth brute force", () => {
  it("counts per staff name across ips, and recovers after the window", async () => {
    await setCount("admin-user:staff", 10);
    expect(await checkAdmin(basic("staff", STAFF_PASSWORD, "192.0.2.40"))).toMatchObject({
      ok: false,
      status: 429,
    });
    const later = new Date(Date.now() + THROTTLE_WINDOW_MS + 1000);
    expect(await checkAdmin(basic("staff", STAFF_PASSWORD, "192.0.2.41"), later)).toEqual({
      ok: true,
      username: "staff",
    });
  });

  it("lets at most 20 of 26 parallel wrong guesses from one ip through", async () => {
    const names = Array.from({ length: 26 }, (_, i) => `guess${i}`);
    const results = await Promise.all(names.map((n) => checkAdmin(basic(n, "wrong", "192.0.2.50"))));
    const refused = results.filter((r) => !r.ok && r.status === 429).length;
    expect(refused).toBeGreaterThanOrEqual(6);
  });

  it("a NUL in the staff name is a 401, not a database error", async () => {
    expect(await checkAdmin(basic("st\u0000aff", "x", "192.0.2.60"))).toEqual({ ok: false, status: 401 });
  });
});

describe("the login throttle under shared ips and outages", () => {
  it("three wrong passwords from an ip do not slow down the next shopper from it; ten do", async () => {
    const { email } = await registeredBrowser();
    await setCount("ip:192.0.2.70", 3);
    const db = await getDb();
    const state = await claimAttempt(db, loginRules(email, "192.0.2.70"), new Date());
    expect(state.delayMs).toBe(0);
    await setCount("ip:192.0.2.70", 10);
    expect((await claimAttempt(db, loginRules(email, "192.0.2.70"), new Date())).delayMs).toBeGreaterThan(0);
  });

  it("a login that fails for a reason of ours (not a wrong password) gives its claim back", async () => {
    const { email, userId } = await registeredBrowser();
    const db = await getDb();
    // An unreadable hash makes the check throw after the attempt was claimed, as an outage would.
    await db.execute(sql`update users set password_hash = 'scrypt$3$8$1$c2FsdA$aGFzaA' where id = ${userId}`);
    fromIp("192.0.2.80");
    await expect(login({ email, password: PASSWORD })).rejects.toThrow();
    const rows = await db.execute<{ key: string; failures: number }>(
      sql`select key, failures from auth_throttle where key in (${`email:${email}`}, 'ip:192.0.2.80')`,
    );
    expect(rows.rows.map((r) => Number(r.failures))).toEqual(rows.rows.map(() => 0));
  });
});
