import { sql } from "drizzle-orm";
import * as loginRoute from "@/app/api/auth/login/route";
import { getDb } from "@/lib/database";
import { newBrowser, type TestBrowser } from "@/test/request";
import { callRoute } from "./harness";

// The brute-force battery's shared moves. It is three files (brute-force*.test.ts) so that its
// 1,000-guess floods, about 10 s each, run in parallel workers instead of one after another.

export async function setCount(key: string, failures: number): Promise<void> {
  const db = await getDb();
  await db.execute(sql`
    insert into auth_throttle (key, failures, window_started_at) values (${key}, ${failures}, now())
    on conflict (key) do update set failures = excluded.failures, window_started_at = excluded.window_started_at`);
}

export function fromIp(ip: string): TestBrowser {
  const browser = newBrowser();
  browser.headers.set("x-forwarded-for", ip);
  return browser;
}

export const tryLogin = (email: string, password: string) =>
  callRoute(loginRoute.POST, { method: "POST", path: "/api/auth/login", body: { email, password } });

/** `count` wrong guesses for `email`, 20 at a time, each from a browser without a device cookie. */
export async function flood(email: string, count: number, ipOf: (i: number) => string): Promise<number[]> {
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

export const basic = (user: string, password: string, ip: string, cookie?: string) =>
  new Headers({
    authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
    "x-forwarded-for": ip,
    ...(cookie ? { cookie } : {}),
  });
