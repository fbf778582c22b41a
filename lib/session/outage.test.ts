// @module-tag own-database
import { describe, expect, it } from "vitest";
import { getOrCreateSession, sessionCookie } from "@/test/fixtures";
import { newBrowser } from "@/test/request";
import { TcpFaultProxy } from "@/test/tcp-proxy";

// The database goes away under a live session, through a TCP proxy the test owns. PostgreSQL only:
// the embedded store has no network to cut.
describe.runIf(process.env.KEEPCART_TEST_BASE_URL)("database outage during a request", () => {
  it("answers UNAVAILABLE, keeps the cookie, and serves the same session once the database is back", async () => {
    const target = new URL(process.env.DATABASE_URL!);
    const proxy = new TcpFaultProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.start();
    target.port = String(proxy.port);
    process.env.DATABASE_URL = target.toString(); // read by lib/env on first use, below
    process.env.DB_CONNECT_TIMEOUT_MS = "1000";

    const { getSession } = await import("./index");
    const { resolveSessionCookie } = await import("./resolve");
    const browser = newBrowser();
    const created = await getOrCreateSession();
    const seal = sessionCookie(browser)!;

    proxy.down();
    await expect(resolveSessionCookie(seal)).rejects.toMatchObject({ code: "UNAVAILABLE" });
    await expect(getSession()).rejects.toMatchObject({ code: "UNAVAILABLE" });
    expect(sessionCookie(browser)).toBe(seal); // an outage never logs anyone out

    proxy.up();
    const again = await resolveSessionCookie(seal);
    expect(again.session?.id).toBe(created.id);
    await proxy.close();
  });
});
