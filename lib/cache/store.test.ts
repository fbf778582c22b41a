import { describe, expect, it } from "vitest";
import { CacheStore, productKey, sessionKey, userKey } from "./store";

describe("the cache's entries (no database)", () => {
  it("evicts a session by its own key and by its user's, and a cart by owner and by product", () => {
    const store = new CacheStore<string, string>(100);
    store.putSession(store.ticket(), "a", "session a", [sessionKey("a"), userKey(7)]);
    store.putSession(store.ticket(), "b", "session b", [sessionKey("b"), userKey(7)]);
    store.putSession(store.ticket(), "c", "session c", [sessionKey("c")]);
    store.putCart(store.ticket(), userKey(7), "cart 7", [userKey(7), productKey(1), productKey(2)]);
    store.putCart(store.ticket(), sessionKey("c"), "cart c", [sessionKey("c"), productKey(2)]);

    store.evict(userKey(7));
    expect(store.getSession("a")).toBeUndefined();
    expect(store.getSession("b")).toBeUndefined();
    expect(store.getCart(userKey(7))).toBeUndefined();
    expect(store.getSession("c")?.value).toBe("session c");

    store.evict(productKey(2));
    expect(store.getCart(sessionKey("c"))).toBeUndefined();
    expect(store.getSession("c")?.value).toBe("session c");
    store.evict(sessionKey("c"));
    expect(store.getSession("c")).toBeUndefined();
    expect(store.size).toMatchObject({ sessions: 0, carts: 0 });
  });

  it("refuses a fill whose read began before an eviction of one of its keys (the fill race)", () => {
    const store = new CacheStore<string, string>(100);
    const before = store.ticket();
    store.evict(userKey(7)); // a logout committed while the read was in flight
    expect(store.putSession(before, "a", "stale", [sessionKey("a"), userKey(7)])).toBe(false);
    expect(store.getSession("a")).toBeUndefined();
    // An eviction of another key does not stop it; a read that began after the eviction lands.
    expect(store.putSession(before, "b", "fine", [sessionKey("b")])).toBe(true);
    expect(store.putSession(store.ticket(), "a", "fresh", [sessionKey("a"), userKey(7)])).toBe(true);
    expect(store.stats.refusedFills).toBe(1);
  });

  it("refuses every fill that began before a clear (a reconnect), and before a forgotten tombstone", () => {
    const store = new CacheStore<string, string>(100);
    const before = store.ticket();
    store.clear();
    expect(store.putSession(before, "a", "x", [sessionKey("a")])).toBe(false);
    const older = store.ticket();
    for (let i = 0; i < 1001; i++) store.evict(userKey(i)); // more than the tombstones kept
    expect(store.size.tombstones).toBe(1000);
    expect(store.putSession(older, "a", "x", [sessionKey("a")])).toBe(false);
  });

  it("answers a browser only from entries filled after its own last write", () => {
    const store = new CacheStore<string, string>(100);
    store.putSession({ seq: store.ticket().seq, at: 1000 }, "a", "filled at 1000", [sessionKey("a")]);
    expect(store.getSession("a", 999)?.value).toBe("filled at 1000");
    expect(store.getSession("a", 1000)).toBeUndefined();
  });

  it("stays within its bound, and its index with it", () => {
    const store = new CacheStore<string, string>(100);
    for (let i = 0; i < 1000; i++)
      store.putSession(store.ticket(), `s${i}`, "x", [sessionKey(`s${i}`), userKey(i)]);
    expect(store.size.sessions).toBe(100);
    store.evict(userKey(999));
    expect(store.getSession("s999")).toBeUndefined();
    expect(store.getSession("s998")?.value).toBe("x");
  });
});
