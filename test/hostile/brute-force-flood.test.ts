import { beforeAll, describe, expect, it } from "vitest";
import { login } from "@/lib/auth";
import { THROTTLE_WINDOW_MS } from "@/lib/auth/throttle";
import { getDb } from "@/lib/database";
import { PASSWORD, registeredBrowser } from "@/test/fixtures";
import { useBrowser } from "@/test/request";
import { flood, fromIp, tryLogin } from "./brute-force";

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
});
