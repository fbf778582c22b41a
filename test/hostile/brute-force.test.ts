import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { login, loginRules } from "@/lib/auth";
import { claimAttempt } from "@/lib/auth/throttle";
import { getDb } from "@/lib/database";
import { PASSWORD, registeredBrowser } from "@/test/fixtures";
import { newBrowser, useBrowser } from "@/test/request";
import { fromIp, setCount, tryLogin } from "./brute-force";

beforeAll(async () => {
  await getDb();
});

describe("login guessing never locks the owner's own browser out (device cookies)", () => {
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
