import { beforeAll, describe, expect, it } from "vitest";
import { checkAdmin, forgetVerifiedCredentials } from "@/lib/admin/gate";
import { hashPassword } from "@/lib/auth/password";
import { THROTTLE_WINDOW_MS } from "@/lib/auth/throttle";
import { getDb } from "@/lib/database";
import { basic, setCount } from "./brute-force";

process.env.ADMIN_USERS = `staff:${await hashPassword("staff-password-for-tests")}`;
const STAFF_PASSWORD = "staff-password-for-tests";

beforeAll(async () => {
  await getDb();
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
