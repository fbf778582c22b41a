import { describe, expect, it } from "vitest";
import { getOrCreateSession } from "@/test/fixtures";
import { newBrowser } from "@/test/request";
import { getSession } from "./index";

// Behind Vercel (and most proxies) TLS ends before the app: x-forwarded-proto says what the browser used.
describe("the session cookie follows the scheme the browser used", () => {
  it("over HTTPS: __Host- prefixed, Secure, host-only, Path=/", async () => {
    const browser = newBrowser();
    browser.headers.set("x-forwarded-proto", "https");
    const session = await getOrCreateSession();
    expect([...browser.jar.keys()]).toEqual(["__Host-kc_session"]);
    const { options } = browser.jar.get("__Host-kc_session")!;
    expect(options).toMatchObject({ secure: true, path: "/", httpOnly: true, sameSite: "lax" });
    expect(options).not.toHaveProperty("domain");
    expect((await getSession())?.id).toBe(session.id);
  });

  it("over plain http (localhost): kc_session, not Secure, and it still works", async () => {
    const browser = newBrowser();
    const session = await getOrCreateSession();
    expect([...browser.jar.keys()]).toEqual(["kc_session"]);
    expect(browser.jar.get("kc_session")!.options).toMatchObject({ secure: false, path: "/" });
    expect((await getSession())?.id).toBe(session.id);
  });
});
