import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { countRows, registeredBrowser } from "@/test/fixtures";
import { newBrowser } from "@/test/request";
import { hashPassword } from "../auth/password";
import { getDb } from "../database";
import { checkAdmin, isAdminPath } from "./gate";
import { requireAdmin } from "./require";

process.env.ADMIN_USERS = `staff:${await hashPassword("staff-password-for-tests")}`;

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

function request(authorization?: string, ip = "198.51.100.20"): Headers {
  const headers = new Headers({ "x-forwarded-for": ip });
  if (authorization) headers.set("authorization", authorization);
  return headers;
}

async function failures(ip: string): Promise<number | undefined> {
  const db = await getDb();
  const result = await db.execute<{ failures: number }>(
    sql`select failures from auth_throttle where key = ${`admin-ip:${ip}`}`,
  );
  return result.rows[0]?.failures;
}

async function setFailures(ip: string, n: number): Promise<void> {
  const db = await getDb();
  await db.execute(sql`
    insert into auth_throttle (key, failures, window_started_at) values (${`admin-ip:${ip}`}, ${n}, now())
    on conflict (key) do update set failures = excluded.failures, window_started_at = excluded.window_started_at`);
}

beforeEach(() => {
  newBrowser();
});

describe("admin basic auth", () => {
  it("refuses a request without credentials, without counting it as a failure", async () => {
    expect(await checkAdmin(request(undefined, "198.51.100.1"))).toEqual({ ok: false, status: 401 });
    expect(await failures("198.51.100.1")).toBeUndefined();
  });

  it("refuses a wrong password or an unknown name and counts it for the ip in PostgreSQL", async () => {
    const ip = "198.51.100.2";
    expect(await checkAdmin(request(basic("staff", "wrong"), ip))).toEqual({ ok: false, status: 401 });
    expect(await checkAdmin(request(basic("nobody", "staff-password-for-tests"), ip))).toEqual({
      ok: false,
      status: 401,
    });
    expect(await failures(ip)).toBe(2);
  });

  it("lets the right credentials in and clears the ip's failures", async () => {
    const ip = "198.51.100.3";
    await setFailures(ip, 2);
    expect(await checkAdmin(request(basic("staff", "staff-password-for-tests"), ip))).toMatchObject({
      ok: true,
      username: "staff",
    });
    expect(await failures(ip)).toBeUndefined();
  });

  it("slows down repeated wrong passwords from one ip, then refuses it for a while", async () => {
    const ip = "198.51.100.4";
    await setFailures(ip, 4);
    const started = performance.now();
    await checkAdmin(request(basic("staff", "wrong-again"), ip));
    expect(performance.now() - started).toBeGreaterThanOrEqual(490); // 250 ms doubled once
    await setFailures(ip, 20);
    const locked = await checkAdmin(request(basic("staff", "another-guess"), ip));
    expect(locked).toMatchObject({ ok: false, status: 429 });
    expect(locked.ok === false && locked.retryAfterSeconds).toBeGreaterThan(60);
    // Other ips are not affected.
    expect(
      await checkAdmin(request(basic("staff", "staff-password-for-tests"), "198.51.100.5")),
    ).toMatchObject({
      ok: true,
    });
  });

  it("keeps shopper sessions and staff access apart", async () => {
    // A logged-in shopper has no admin rights...
    const { browser } = await registeredBrowser();
    await expect(requireAdmin()).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    // ...and staff credentials create no shopper session or cookie.
    const staff = newBrowser();
    staff.headers.set("authorization", basic("staff", "staff-password-for-tests"));
    const sessionsBefore = await countRows("sessions");
    expect(await requireAdmin()).toBe("staff");
    expect(await countRows("sessions")).toBe(sessionsBefore);
    expect(staff.jar.size).toBe(0);
    expect([...browser.jar.keys()].sort()).toEqual(["kc_device", "kc_fresh", "kc_session"]);
  });

  it("guards /admin and /api/admin however the path is spelled, and nothing else", () => {
    for (const path of [
      "/admin",
      "/admin/",
      "/admin/orders/3",
      "/api/admin/health",
      "/ADMIN",
      "/%61dmin",
      "//admin",
    ]) {
      expect(isAdminPath(path), path).toBe(true);
    }
    for (const path of ["/", "/administrator", "/api/health", "/products/admin", "/cart"]) {
      expect(isAdminPath(path), path).toBe(false);
    }
  });
});
