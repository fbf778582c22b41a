import { describe, expect, it, vi } from "vitest";
import { log, scrub } from "./log";

describe("log redaction", () => {
  it("scrubs card-like numbers and session seals from any value, and leaves request ids and dates", () => {
    for (const card of [
      "4111 1111 1111 1111",
      "4111-1111-1111-1111",
      "4111111111111111",
      "3782 822463 10005",
    ]) {
      expect(scrub(`paid with ${card}.`)).toBe("paid with [redacted-number].");
    }
    expect(scrub("/api/orders/4111%201111%201111%201111")).toBe("/api/orders/[redacted-number]");
    expect(scrub("cookie Fe26.2*1*abc*def*ghi~1; x")).toBe("cookie [redacted-seal]; x");
    for (const kept of [
      "hostile-31348ac8-4492-4741-9131-1ef9a4b166cd",
      "12345678-1234-1234-1234-123456789012",
      "2026-11-23T11:37:24.852Z",
      "order 1234",
    ]) {
      expect(scrub(kept)).toBe(kept);
    }
  });

  it("never writes a secret-named field, or a card number nested in an error or an object", () => {
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const stderr = vi.mocked(process.stderr.write); // test/setup.ts spies on it
    log.warn("login", { password: "hunter2-hunter2", sessionToken: "abc", ip: "203.0.113.9" });
    log.warn("bad input", {
      error: new Error('invalid input syntax for type integer: "4111111111111111"'),
      input: { fullName: "4111 1111 1111 1111", lines: ["4111-1111-1111-1111"] },
    });
    const written = [...stdout.mock.calls, ...stderr.mock.calls].map((c) => String(c[0])).join("");
    stdout.mockRestore();
    stderr.mockClear();
    expect(written).toContain("203.0.113.9");
    for (const secret of ["hunter2", '"abc"', "4111"]) expect(written).not.toContain(secret);
  });
});
