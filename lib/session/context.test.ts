import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeContext, encodeContext } from "./context";
import type { SessionRecord } from "./store";

// The header proxy.ts hands to the render: whoever can forge it is logged in as anyone, so every
// way of forging, replaying or garbling it must come back as "no header" (the render then resolves
// the cookie itself). No database: the header is pure crypto over the session secret.

const session: SessionRecord = {
  id: "a".repeat(64),
  userId: 42,
  email: "shopper@example.test",
  createdAt: new Date("2026-11-01T10:00:00.000Z"),
  lastSeenAt: new Date("2026-11-02T11:30:00.000Z"),
  absoluteExpiresAt: new Date("2026-12-01T10:00:00.000Z"),
  cartCount: 3,
  unreadCount: 1,
};

/** Signs like context.ts does, with any secret: the test's own secret must match encodeContext. */
function signWith(secret: string, body: unknown): string {
  const key = createHmac("sha256", secret).update("keepcart proxy context v1").digest();
  const payload = Buffer.from(JSON.stringify(body)).toString("base64url");
  return `${payload}.${createHmac("sha256", key).update(payload).digest("base64url")}`;
}

const now = Date.parse("2026-11-02T12:00:00.000Z");

describe("the signed session header between proxy and render", () => {
  it("carries a session across intact, dates as dates", () => {
    const decoded = decodeContext(encodeContext(session, now), now + 5);
    expect(decoded).toEqual({ session });
    expect(decoded?.session?.createdAt).toBeInstanceOf(Date);
  });

  it("tells an anonymous visitor (null) from a missing header (undefined)", () => {
    expect(decodeContext(encodeContext(null, now), now)).toEqual({ session: null });
    expect(decodeContext(null, now)).toBeUndefined();
    expect(decodeContext("", now)).toBeUndefined();
  });

  it("is signed with the newest session secret, and a header signed with another secret is ignored", () => {
    const body = { s: { ...session, userId: 1, email: "admin@example.test" }, iat: now };
    const ours = process.env.SESSION_SECRET!;
    expect(decodeContext(signWith(ours, body), now)?.session?.userId).toBe(1); // the helper signs as context.ts does
    expect(decodeContext(signWith(`${ours}-other`, body), now)).toBeUndefined();
  });

  it("refuses a payload changed after signing (another user id with the old signature)", () => {
    const [, signature] = encodeContext(session, now).split(".");
    const forged = Buffer.from(JSON.stringify({ s: { ...session, userId: 1 }, iat: now })).toString(
      "base64url",
    );
    expect(decodeContext(`${forged}.${signature}`, now)).toBeUndefined();
  });

  it("expires after a minute, so a header captured from one request cannot be replayed later", () => {
    const header = encodeContext(session, now);
    expect(decodeContext(header, now + 60_000)?.session?.id).toBe(session.id);
    expect(decodeContext(header, now + 60_001)).toBeUndefined();
  });

  it("returns undefined, never throws, for garbage a client could send", () => {
    const good = encodeContext(session, now);
    const [payload, signature] = good.split(".") as [string, string];
    for (const value of [
      "garbage",
      ".",
      `${payload}.`,
      `.${signature}`,
      `${payload}.${signature.slice(1)}`, // shorter signature: timingSafeEqual would throw on unequal lengths
      `${payload}.${signature}x`,
      `${payload}.${"A".repeat(signature.length)}`,
      "%%%.@@@",
    ]) {
      expect(decodeContext(value, now), value).toBeUndefined();
    }
  });
});
