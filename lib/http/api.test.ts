import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, httpStatus } from "../errors";
import { apiRoute, errorResponse, json, MAX_BODY_BYTES, readJson } from "./api";
import { assertSameOrigin } from "./same-origin";

const post = (headers: Record<string, string>, body?: BodyInit) =>
  new Request("http://shop.test/api/cart/items", {
    method: "POST",
    headers,
    body,
    duplex: "half",
  } as RequestInit);

const schema = z.object({ quantity: z.number() }).strict();

describe("readJson", () => {
  it("refuses a body that is not JSON by type (415), too large (413) or malformed (400)", async () => {
    await expect(readJson(post({ "content-type": "text/plain" }, "{}"), schema)).rejects.toMatchObject({
      code: "UNSUPPORTED_MEDIA_TYPE",
    });
    const big = JSON.stringify({ quantity: 1, pad: "x".repeat(MAX_BODY_BYTES) });
    await expect(readJson(post({ "content-type": "application/json" }, big), schema)).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
    });
    // No Content-Length (a stream): the limit still holds.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
        controller.close();
      },
    });
    await expect(
      readJson(post({ "content-type": "application/json" }, stream), schema),
    ).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
    });
    await expect(
      readJson(post({ "content-type": "application/json" }, "{nope"), schema),
    ).rejects.toMatchObject({
      code: "BAD_INPUT",
    });
    await expect(
      readJson(post({ "content-type": "application/json" }, '{"quantity":"many"}'), schema),
    ).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "quantity" } });
  });

  it("accepts JSON with a charset", async () => {
    const body = await readJson(
      post({ "content-type": "application/json; charset=utf-8" }, '{"quantity":2}'),
      schema,
    );
    expect(body).toEqual({ quantity: 2 });
  });
});

describe("assertSameOrigin", () => {
  it("lets same-site browsers and non-browser clients through", () => {
    expect(() => assertSameOrigin(post({ host: "shop.test", origin: "http://shop.test" }))).not.toThrow();
    expect(() =>
      assertSameOrigin(
        post({ host: "internal:3000", "x-forwarded-host": "shop.test", origin: "https://shop.test" }),
      ),
    ).not.toThrow();
    expect(() => assertSameOrigin(post({ host: "shop.test" }))).not.toThrow(); // curl, a native app
    expect(() =>
      assertSameOrigin(post({ host: "shop.test", "sec-fetch-site": "same-origin" })),
    ).not.toThrow();
  });

  it("refuses another site's origin, a null origin and a cross-site fetch", () => {
    const cases: Record<string, string>[] = [
      { host: "shop.test", origin: "https://evil.test" },
      { host: "shop.test", origin: "http://shop.test.evil.test" },
      { host: "shop.test", origin: "null" },
      { host: "shop.test", "sec-fetch-site": "cross-site" },
      { host: "shop.test", "sec-fetch-site": "same-site" },
    ];
    for (const headers of cases) {
      expect(() => assertSameOrigin(post(headers)), JSON.stringify(headers)).toThrow(AppError);
    }
  });
});

describe("apiRoute and errorResponse", () => {
  it("answers {error:{code,message,field}} with the code's status, and 403 before the handler runs", async () => {
    let ran = false;
    const handler = apiRoute(async () => {
      ran = true;
      return json({ ok: true });
    });
    const refused = await handler(post({ host: "shop.test", origin: "https://evil.test" }), {});
    expect(refused.status).toBe(403);
    expect(ran).toBe(false);
    expect((await refused.json()).error.code).toBe("FORBIDDEN");

    const response = errorResponse(new AppError("OUT_OF_STOCK", "Sold out.", { field: "quantity" }));
    expect(response.status).toBe(409);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      error: { code: "OUT_OF_STOCK", message: "Sold out.", field: "quantity" },
    });
  });

  it("puts the route's challenge on a 401 only, and logs no expected failure", async () => {
    const stderr = vi.mocked(process.stderr.write);
    stderr.mockClear();
    const challenge = 'Bearer realm="cron"';
    const denied = errorResponse(new AppError("UNAUTHENTICATED", "Token required."), "req-1", { challenge });
    expect(denied.status).toBe(401);
    expect(denied.headers.get("www-authenticate")).toBe(challenge);
    const forbidden = errorResponse(new AppError("FORBIDDEN", "No."), "req-2", { challenge });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get("www-authenticate")).toBeNull();
    const throttled = errorResponse(
      new AppError("TOO_MANY_REQUESTS", "Slow down.", { retryAfterSeconds: 90 }),
    );
    expect(throttled.status).toBe(httpStatus("TOO_MANY_REQUESTS"));
    expect(throttled.headers.get("retry-after")).toBe("90");
    expect(stderr.mock.calls.filter((c) => String(c[0]).includes('"level":"error"'))).toHaveLength(0);
  });

  it("names the route in the one log line of a failure", async () => {
    const stderr = vi.mocked(process.stderr.write);
    stderr.mockClear();
    const route = apiRoute(
      async () => {
        throw new Error("boom");
      },
      { what: "cron prune-sessions" },
    );
    const response = await route(new Request("http://shop.test/api/cron/prune-sessions"), {});
    expect(response.status).toBe(500);
    const logged = stderr.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('"level":"error"'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({ msg: "cron prune-sessions failed", code: "INTERNAL" });
    stderr.mockClear();
  });

  it("says 503 with Retry-After for an outage, and never leaks an internal message", async () => {
    const stderr = vi.mocked(process.stderr.write); // test/setup.ts spies on it; these two lines are expected
    const outage = errorResponse(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));
    expect(outage.status).toBe(503);
    expect(outage.headers.get("retry-after")).toBe("5");
    expect((await outage.json()).error.message).toContain("temporarily unavailable");
    const bug = errorResponse(new Error("secret detail in a stack"));
    expect(bug.status).toBe(500);
    expect(JSON.stringify(await bug.json())).not.toContain("secret detail");
    const logged = stderr.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('"level":"error"'));
    expect(logged).toHaveLength(2);
    expect(logged.join("")).not.toContain("secret-value");
    stderr.mockClear();
  });
});
