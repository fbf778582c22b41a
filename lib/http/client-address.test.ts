import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { clientAddressFrom, parseTrustProxy, type TrustProxy } from "./client-address";

const PEER = "x-keepcart-peer-test";
const none: TrustProxy = { mode: "none" };
const one: TrustProxy = { mode: "hops", hops: 1 };
const two: TrustProxy = { mode: "hops", hops: 2 };
const vercel: TrustProxy = { mode: "vercel" };

function from(trust: TrustProxy, headers: Record<string, string>, peerHeader: string | null = PEER): string {
  return clientAddressFrom(new Headers(headers), trust, peerHeader);
}

describe("the client address", () => {
  it.each([
    // [how the app is reached, headers, address]
    ["bare server: the socket", none, { [PEER]: "192.0.2.1" }, "192.0.2.1"],
    [
      "bare server: X-Forwarded-For is the client's word",
      none,
      { [PEER]: "192.0.2.1", "x-forwarded-for": "198.51.100.7" },
      "192.0.2.1",
    ],
    ["bare server: x-real-ip too", none, { [PEER]: "192.0.2.1", "x-real-ip": "198.51.100.7" }, "192.0.2.1"],
    ["bare server: IPv4-mapped IPv6", none, { [PEER]: "::ffff:127.0.0.1" }, "127.0.0.1"],
    ["bare server: IPv6", none, { [PEER]: "::1" }, "::1"],
    ["one proxy: the last entry", one, { "x-forwarded-for": "198.51.100.99, 198.51.100.7" }, "198.51.100.7"],
    ["one proxy: a single entry", one, { "x-forwarded-for": "198.51.100.7" }, "198.51.100.7"],
    [
      "two proxies: second from the right",
      two,
      { "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2" },
      "198.51.100.7",
    ],
    ["two proxies, one entry: the leftmost", two, { "x-forwarded-for": "198.51.100.7" }, "198.51.100.7"],
    ["one proxy, no header: the socket", one, { [PEER]: "10.0.0.2" }, "10.0.0.2"],
    [
      "vercel: x-real-ip",
      vercel,
      { "x-real-ip": "198.51.100.7", "x-forwarded-for": "6.6.6.6" },
      "198.51.100.7",
    ],
    ["garbage is no address", one, { "x-forwarded-for": "<script>", [PEER]: "10.0.0.2" }, "10.0.0.2"],
  ] as const)("%s", (_label, trust, headers, expected) => {
    expect(from(trust, headers)).toBe(expected);
  });

  it("without a stamp of this process, a header of that name counts for nothing", () => {
    expect(from(none, { [PEER]: "192.0.2.1", "x-forwarded-for": "198.51.100.7" }, null)).toBe("unknown");
  });

  it("rotating or prepending X-Forwarded-For never changes a bare server's answer", () => {
    const seen = new Set(
      ["198.51.100.7", "198.51.100.8", "198.51.100.99, 198.51.100.7", "", "::1"].map((xff) =>
        from(none, { [PEER]: "203.0.113.5", ...(xff ? { "x-forwarded-for": xff } : {}) }),
      ),
    );
    expect([...seen]).toEqual(["203.0.113.5"]);
  });
});

describe("TRUST_PROXY", () => {
  it("defaults to the socket, or to Vercel's header when VERCEL is set", () => {
    expect(parseTrustProxy(undefined, false)).toEqual(none);
    expect(parseTrustProxy(undefined, true)).toEqual(vercel);
    expect(parseTrustProxy("2", true)).toEqual(two);
    expect(parseTrustProxy("none", true)).toEqual(none);
  });

  it("refuses anything else at start-up, naming the variable", () => {
    for (const value of ["yes", "true", "-1", "10", "1.5"]) {
      expect(() => parseEnv({ TRUST_PROXY: value, SESSION_SECRET: "x".repeat(32) }), value).toThrow(
        /TRUST_PROXY/,
      );
    }
    expect(parseEnv({ TRUST_PROXY: "1", SESSION_SECRET: "x".repeat(32) }).trustProxy).toEqual(one);
  });
});
