import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next";

/** Where a browser would land if sent to `path` from this site (a Location header or a link). */
function landsOn(path: string): string {
  return new URL(path, "http://keepcart.invalid/login").host;
}

describe("safeNextPath", () => {
  it.each([
    ["/checkout", "/checkout"],
    ["/orders/12?placed=1", "/orders/12?placed=1"],
    ["/cart#summary", "/cart#summary"],
    ["/./cart", "/cart"],
    ["/a/../cart", "/cart"],
    ["/%2f/evil.example", "/%2f/evil.example"], // an encoded slash is a segment of ours, not a host
  ])("keeps the local path %j as %j", (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it.each([
    "https://evil.example/",
    "//evil.example/checkout",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "checkout",
    "/\u0000/x",
    "/check\nout",
    "",
    "/".repeat(600),
    // Dot segments that normalise into a scheme-relative "//host".
    "/.//evil.example",
    "/%2e//evil.example",
    "/%2E//evil.example",
    "/..//evil.example",
    "/%2e%2e//evil.example",
    "/a/..//evil.example",
    "/./%2e//evil.example",
    "/.///evil.example",
    "/.\\/evil.example",
  ])("sends %j home instead", (value) => {
    expect(safeNextPath(value)).toBe("/");
  });

  it("ignores what is not a single string", () => {
    expect(safeNextPath(["/a", "/b"])).toBe("/");
    expect(safeNextPath(undefined, "/cart")).toBe("/cart");
  });

  it("never yields an address off this site, and is stable when applied twice", () => {
    const pieces = fc.constantFrom("/", "//", ".", "..", "%2e", "%2f", "\\", "evil.example", "?", "@");
    const path = fc.array(pieces, { maxLength: 6 }).map((parts) => `/${parts.join("")}`);
    fc.assert(
      fc.property(fc.oneof(path, fc.string()), (value) => {
        const next = safeNextPath(value);
        expect(next.startsWith("/")).toBe(true);
        expect(landsOn(next)).toBe("keepcart.invalid");
        expect(safeNextPath(next)).toBe(next);
      }),
      { numRuns: 500 },
    );
  });
});
