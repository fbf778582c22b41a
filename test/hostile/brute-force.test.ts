import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as loginRoute from "@/app/api/auth/login/route";
import { checkAdmin, forgetVerifiedCredentials } from "@/lib/admin/gate";
import { login, loginRules } from "@/lib/auth";
import { hashPassword } from "@/lib/auth/password";
import { claimAttempt, THROTTLE_WINDOW_MS } from "@/lib/auth/throttle";
import { getDb } from "@/lib/database";
import { PASSWORD, registeredBrowser } from "@/test/fixtures";
import { newBrowser, type TestBrowser, useBrowser } from "@/test/request";
import { callRoute } from "./harness";

process.env.ADMIN_USERS = `staff:${await hashPassword("staff-password-for-tests")}`;
const STAFF_PASSWORD = "staff-password-for-tests";

async function setCount(key: string, failures: number): Promise<void> {
  const db = await getDb();
  await db.execute(sql`
    insert into auth_throttle (key, failures, window_started_at) values (${key}, ${failures}, now())
    on conflict (key) do update set failures = excluded.failures, window_started_at = excluded.window_started_at`);
}

function fromIp(ip: string): TestBrowser {
  const browser = newBrowser();
  browser.headers.set("x-forwarded-for", ip);
  return browser;
}

const tryLogin = (email: string, password: string) =>
  callRoute(loginRoute.POST, { method: "POST", path: "/api/auth/login", body: { email, password } });

/** `count` wrong guesses for `email`, 20 at a time, each from a browser without a device cookie. */
async function flood(email: string, count: number, ipOf: (i: number) => string): Promise<number[]> {
  const statuses: number[] = [];
  for (let start = 0; start < count; start += 20) {
    const batch = Array.from({ length: Math.min(20, count - start) }, async (_, j) => {
      const i = start + j;
      fromIp(ipOf(i));
      return (await tryLogin(email, `wrong guess ${i}`)).status;
    });
    statuses.push(...(await Promise.all(batch)));
  }
  return statuses;
}

const basic = (user: string, password: string, ip: string, cookie?: string) =>
  new Headers({
    authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
    "x-forwarded-for": ip,
    ...(cookie ? { cookie } : {}),
  });

beforeAll(async () => {
  await getDb();
});

describe("login guessing never locks the owner's own browser out (device cookies)", () => {
  it.each([
    ["one ip", () => "192.0.2.10"],
    ["50 ips", (i: number) => `198.18.0.${i % 50}`],
  ])(
    "1,000 wrong guesses from %s: at most 10 are tried, and the owner logs in at once from a known browser",
    async (_label, ipOf) => {
      const { email, browser: owner } = await registeredBrowser(); // registering makes this browser known
      const statuses = await flood(email, 1000, ipOf);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(990);
      expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);

      useBrowser(owner);
      owner.headers.set("x-forwarded-for", ipOf(0)); // even from the guesser's own address
      expect((await tryLogin(email, PASSWORD)).status).toBe(200);

      // A browser the account has never used waits for the window, right password or not...
      fromIp("192.0.2.99");
      const stranger = await tryLogin(email, PASSWORD);
      expect(stranger.status).toBe(429);
      expect(stranger.body.error?.message).toMatch(/Too many failed attempts/);
      // ...and gets in after it, without anyone waiting 15 minutes.
      const later = new Date(Date.now() + THROTTLE_WINDOW_MS + 1000);
      await expect(login({ email, password: PASSWORD }, { now: later })).resolves.toMatchObject({});
    },
    120_000,
  );

  it("a known browser that guesses wrong too often is locked out on its own", async () => {
    const { email, browser: guessing } = await registeredBrowser();
    // The owner's other browser, known from an earlier login.
    const other = newBrowser();
    await login({ email, password: PASSWORD });
    useBrowser(guessing);
    // In parallel, so the slow-down of repeated guesses is waited out once, not ten times.
    const statuses = await Promise.all(Array.from({ length: 11 }, (_, i) => tryLogin(email, `wrong ${i}`)));
    expect(statuses.map((a) => a.status).sort()).toEqual([...Array(10).fill(401), 429]);
    expect((await tryLogin(email, PASSWORD)).status).toBe(429);
    // Its guesses were its own: the owner's other browser, and a new one, still get in.
    useBrowser(other);
    expect((await tryLogin(email, PASSWORD)).status).toBe(200);
    fromIp("192.0.2.12");
    expect((await tryLogin(email, PASSWORD)).status).toBe(200);
  }, 60_000);

  it("a device cookie vouches only for its own account, and a forged one for none", async () => {
    const alice = await registeredBrowser();
    const bob = await registeredBrowser();
    // Alice's known browser guessing at Bob's account counts against Bob's shared limit.
    useBrowser(alice.browser);
    const guesses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => tryLogin(bob.email, `wrong ${i}`)),
    );
    expect(guesses.map((a) => a.status)).toEqual(Array(10).fill(401));
    expect((await tryLogin(bob.email, `wrong again`)).status).toBe(429);
    // A cookie of that name that is not our seal is no device.
    const forged = fromIp("192.0.2.13");
    forged.jar.set("kc_device", { value: "Fe26.2**forged", options: {} });
    expect((await tryLogin(bob.email, PASSWORD)).status).toBe(429);
    useBrowser(bob.browser);
    expect((await tryLogin(bob.email, PASSWORD)).status).toBe(200);
  }, 60_000);

  it("refuses an ip that has failed too often, whichever account it tries, from a browser the account does not know", async () => {
    const { email } = await registeredBrowser();
    await setCount("ip:192.0.2.20", 50);
    fromIp("192.0.2.20");
    expect((await tryLogin(email, PASSWORD)).status).toBe(429);
    fromIp("192.0.2.21");
    expect((await tryLogin(email, PASSWORD)).status).toBe(200);
  });

  it("a right password gives its claim back: successful logins never lock an ip out", async () => {
    const { email } = await registeredBrowser();
    for (let i = 0; i < 4; i++) {
      fromIp("192.0.2.30"); // a new browser each time, so the ip's counter is the one used
      expect((await tryLogin(email, PASSWORD)).status).toBe(200);
    }
    const db = await getDb();
    const row = await db.execute<{ failures: number }>(
      sql`select failures from auth_throttle where key = 'ip:192.0.2.30'`,
    );
    expect(Number(row.rows[0]?.failures ?? 0)).toBe(0);
  });
});

describe("admin basic auth guessing", () => {
  it("1,000 wrong passwords for a staff name from 50 ips do not shut that staff member's browser out of /admin", async () => {
    forgetVerifiedCredentials();
    const first = await checkAdmin(basic("staff", STAFF_PASSWORD, "192.0.2.39"));
    expect(first).toMatchObject({ ok: true, username: "staff" });
    const deviceCookie = (first as { setCookie?: string }).setCookie?.split(";")[0];
    expect(deviceCookie).toMatch(/^kc_staff_device=Fe26\.2\*/);

    const results = [];
    for (let start = 0; start < 1000; start += 20) {
      const batch = Array.from({ length: 20 }, (_, j) =>
        checkAdmin(basic("staff", `wrong ${start + j}`, `198.18.1.${(start + j) % 50}`)),
      );
      results.push(...(await Promise.all(batch)));
    }
    expect(results.filter((r) => !r.ok && r.status === 401).length).toBeLessThanOrEqual(10);

    forgetVerifiedCredentials(); // as after a restart: the right password is checked (and counted) again
    expect(await checkAdmin(basic("staff", STAFF_PASSWORD, "198.18.1.1", deviceCookie))).toEqual({
      ok: true,
      username: "staff",
    });
    // Without the cookie, the same right password waits for the window.
    forgetVerifiedCredentials();
    expect(await checkAdmin(basic("staff", STAFF_PASSWORD, "192.0.2.38"))).toMatchObject({
      ok: false,
      status: 429,
    });
  }, 240_000);

  it("counts per staff name across ips, and recovers after the window", async () => {
    forgetVerifiedCredentials();
    await setCount("admin-user:staff", 10);
    expect(await checkAdmin(basic("staff", STAFF_PASSWORD, "192.0.2.40"))).toMatchObject({
      ok: false,
      status: 429,
    });
    const later = new Date(Date.now() + THROTTLE_WINDOW_MS + 1000);
    expect(await checkAdmin(basic("staff", STAFF_PASSWORD, "192.0.2.41"), later)).toMatchObject({
      ok: true,
      username: "staff",
    });
  });

  it("lets at most 20 of 26 parallel wrong guesses from one ip through", async () => {
    const names = Array.from({ length: 26 }, (_, i) => `guess${i}`);
    const results = await Promise.all(names.map((n) => checkAdmin(basic(n, "wrong", "192.0.2.50"))));
    const refused = results.filter((r) => !r.ok && r.status === 429).length;
    expect(refused).toBeGreaterThanOrEqual(6);
  }, 90_000);

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
