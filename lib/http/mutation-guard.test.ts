import { describe, expect, it } from "vitest";
import { httpStatus } from "../errors";
import { MAX_ACTION_BODY_BYTES, mutationRefusal } from "./mutation-guard";

// proxy.ts asks this before any of the app runs: a refused mutation is a 4xx with a code, never a
// 500 from Next failing to decode it. A pure function of the request: no database.

const ACTION_ID = "7f".repeat(21); // Next 16 action ids: 42 hex digits

function request(
  path: string,
  { method = "POST", ...headers }: { method?: string } & Record<string, string> = {},
): Request {
  return new Request(`http://shop.example${path}`, {
    method,
    headers: {
      host: "shop.example",
      origin: "http://shop.example",
      "content-type": "multipart/form-data; boundary=----x",
      "content-length": "300",
      "next-action": ACTION_ID,
      ...headers,
    },
  });
}

const code = (r: Request) => mutationRefusal(r)?.code ?? null;

describe("which mutations the proxy refuses before the app runs", () => {
  it("lets a same-origin server action through", () => {
    expect(code(request("/cart"))).toBeNull();
    expect(code(request("/login", { "content-type": "application/x-www-form-urlencoded" }))).toBeNull();
    expect(code(request("/cart", { "content-type": "Text/Plain;charset=UTF-8" }))).toBeNull();
  });

  it("never refuses a read, even from another site", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(code(request("/cart", { method, origin: "https://evil.example" })), method).toBeNull();
    }
  });

  it("refuses a cross-site mutation, on pages and API routes alike (403)", () => {
    expect(code(request("/cart", { origin: "https://evil.example" }))).toBe("FORBIDDEN");
    expect(code(request("/api/cart/items", { origin: "https://evil.example" }))).toBe("FORBIDDEN");
    expect(code(request("/cart", { origin: "null" }))).toBe("FORBIDDEN");
    const refusal = mutationRefusal(request("/cart", { origin: "https://evil.example" }));
    expect(refusal && httpStatus(refusal.code)).toBe(403);
  });

  it("judges the origin against the forwarded host behind a proxy such as Vercel's", () => {
    const behindProxy = {
      host: "internal:3000",
      origin: "https://shop.example",
      "x-forwarded-host": "shop.example",
    };
    expect(code(request("/cart", behindProxy))).toBeNull();
    expect(code(request("/cart", { ...behindProxy, origin: "http://internal:3000" }))).toBe("FORBIDDEN");
  });

  it("without Origin, trusts Sec-Fetch-Site; with neither it is not a browser and passes", () => {
    const noOrigin = (site?: string) => {
      const r = request("/cart", site ? { "sec-fetch-site": site } : {});
      r.headers.delete("origin");
      return code(r);
    };
    expect(noOrigin("cross-site")).toBe("FORBIDDEN");
    expect(noOrigin("same-site")).toBe("FORBIDDEN");
    expect(noOrigin("same-origin")).toBeNull();
    expect(noOrigin()).toBeNull();
  });

  it("refuses an action body over the limit or with an unreadable length (413)", () => {
    expect(code(request("/cart", { "content-length": String(MAX_ACTION_BODY_BYTES) }))).toBeNull();
    expect(code(request("/cart", { "content-length": String(MAX_ACTION_BODY_BYTES + 1) }))).toBe(
      "PAYLOAD_TOO_LARGE",
    );
    expect(code(request("/cart", { "content-length": "lots" }))).toBe("PAYLOAD_TOO_LARGE");
  });

  it("refuses an action body that is not a form (415)", () => {
    expect(code(request("/cart", { "content-type": "application/json" }))).toBe("UNSUPPORTED_MEDIA_TYPE");
    const untyped = request("/cart");
    untyped.headers.delete("content-type");
    expect(code(untyped)).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("refuses an action id that no build could have made (400)", () => {
    expect(code(request("/cart", { "next-action": "../../etc/passwd" }))).toBe("BAD_INPUT");
    expect(code(request("/cart", { "next-action": "abc123" }))).toBe("BAD_INPUT");
    expect(code(request("/cart", { "next-action": ACTION_ID.toUpperCase() }))).toBeNull();
  });

  it("leaves the body of an API route to readJson (its own 16 KiB limit and JSON check)", () => {
    const big = { "content-type": "application/json", "content-length": String(MAX_ACTION_BODY_BYTES * 4) };
    expect(code(request("/api/cart/items", big))).toBeNull();
  });
});
