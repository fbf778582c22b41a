import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next";

describe("safeNextPath", () => {
  it("keeps local paths with their query", () => {
    expect(safeNextPath("/checkout")).toBe("/checkout");
    expect(safeNextPath("/orders/12?placed=1")).toBe("/orders/12?placed=1");
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
  ])("sends %j home instead", (value) => {
    expect(safeNextPath(value)).toBe("/");
  });

  it("ignores what is not a single string", () => {
    expect(safeNextPath(["/a", "/b"])).toBe("/");
    expect(safeNextPath(undefined, "/cart")).toBe("/cart");
  });
});
