import { describe, expect, it } from "vitest";
import { checkHistory, type DbOrder, type FinalDatabase } from "./checker";
import type { Entry, Op } from "./history";

// The checker must catch what it claims to: each case below is a history with one defect planted,
// beside the same history without it. Pure: no server, no database.
const EMAIL = "a@example.test";
let t = 0;
function e(op: Op, status: number, extra: Partial<Entry> = {}): Entry {
  const outcome = status >= 200 && status < 300 ? "ok" : status >= 400 && status < 500 ? "fail" : "unknown";
  t += 100;
  return {
    client: 0,
    email: op.f === "register" ? null : EMAIL,
    op,
    at: t,
    ms: 10,
    target: "x",
    status,
    outcome,
    ...extra,
  };
}
const order = (id: number, key: string, lines: Record<number, number>, totalCents = 500): DbOrder => ({
  id,
  key,
  email: EMAIL,
  totalCents,
  status: "placed",
  lines,
});
const db = (orders: DbOrder[], cart: Record<number, number> = {}): FinalDatabase => ({
  orders,
  userCarts: new Map([[EMAIL, cart]]),
});
const check = (entries: Entry[], final: FinalDatabase, faults = [{ kind: "cut", at: 0, healedAt: 10_000 }]) =>
  checkHistory(entries, final, faults, { graceMs: 1000 });

function shopping(extra: { lostAdd?: boolean; unknownAdd?: boolean } = {}): Entry[] {
  return [
    e({ f: "register", email: EMAIL }, 201),
    e({ f: "add", productId: 1, quantity: 2 }, 200, { cart: { 1: 2 } }),
    extra.unknownAdd
      ? e({ f: "add", productId: 2, quantity: 1 }, 0)
      : e({ f: "me" }, 200, { meEmail: EMAIL }),
    e({ f: "add", productId: 3, quantity: 1 }, 200, { cart: extra.lostAdd ? { 3: 1 } : { 1: 2, 3: 1 } }),
    e({ f: "checkout", key: "k1", attempt: 0 }, 503, { retryAfter: "5" }),
    e({ f: "checkout", key: "k1", attempt: 1 }, 200, {
      order: { id: 7, totalCents: 500, lines: { 1: 2, 3: 1 } },
    }),
  ];
}

describe("chaos checker", () => {
  it("passes a clean history with a lost checkout answer resolved by its retry", () => {
    const v = check(shopping(), db([order(7, "k1", { 1: 2, 3: 1 })]));
    expect(v.violations).toEqual([]);
    expect(v.counts.checkoutsResolvedByRetry).toBe(1);
  });

  it("allows either outcome of an unknown change, and both are then checked", () => {
    const entries = shopping({ unknownAdd: true });
    entries[3]!.cart = { 1: 2, 2: 1, 3: 1 }; // the unknown add did land
    entries[5]!.order!.lines = { 1: 2, 2: 1, 3: 1 };
    expect(check(entries, db([order(7, "k1", { 1: 2, 2: 1, 3: 1 })])).violations).toEqual([]);
  });

  it("finds an acknowledged cart change that was lost", () => {
    const v = check(shopping({ lostAdd: true }), db([order(7, "k1", { 1: 2, 3: 1 })]));
    expect(v.checks.noAcknowledgedCartChangeLost).toBe(false);
  });

  it("finds a confirmed order stored with other lines, a second order for one key, an unasked order", () => {
    expect(check(shopping(), db([order(7, "k1", { 1: 1, 3: 1 })])).checks.confirmedOrdersExistAsShown).toBe(
      false,
    );
    expect(
      check(shopping(), db([order(7, "k1", { 1: 2, 3: 1 }), order(8, "k1", { 1: 2, 3: 1 })])).checks
        .confirmedOrdersExistAsShown,
    ).toBe(false);
    expect(
      check(shopping(), db([order(7, "k1", { 1: 2, 3: 1 }), order(9, "zz", { 4: 1 })])).checks
        .noOrderNobodyAskedFor,
    ).toBe(false);
  });

  it("finds a retry that answered another order", () => {
    const entries = [
      ...shopping(),
      e({ f: "checkout", key: "k1", attempt: 2 }, 200, {
        order: { id: 8, totalCents: 500, lines: { 1: 2, 3: 1 } },
      }),
    ];
    expect(check(entries, db([order(7, "k1", { 1: 2, 3: 1 })])).checks.everyRetryGotTheSameOrder).toBe(false);
  });

  it("finds a final cart that is not what the acknowledged changes left", () => {
    const entries = [...shopping(), e({ f: "add", productId: 5, quantity: 1 }, 200, { cart: { 5: 1 } })];
    expect(check(entries, db([order(7, "k1", { 1: 2, 3: 1 })], { 5: 1 })).violations).toEqual([]);
    expect(check(entries, db([order(7, "k1", { 1: 2, 3: 1 })], {})).checks.finalCartsAsAcknowledged).toBe(
      false,
    );
  });

  it("finds a 500, a 503 without Retry-After or outside a fault, and a shopper signed out unasked", () => {
    const base = shopping();
    const with500 = [...base, e({ f: "browse", path: "/" }, 500)];
    expect(check(with500, db([order(7, "k1", { 1: 2, 3: 1 })])).checks.no500).toBe(false);
    const bare503 = [...base, e({ f: "browse", path: "/" }, 503)];
    expect(check(bare503, db([order(7, "k1", { 1: 2, 3: 1 })])).checks.every503HasRetryAfter).toBe(false);
    expect(check(base, db([order(7, "k1", { 1: 2, 3: 1 })]), []).checks.no503OutsideFaults).toBe(false);
    const signedOut = [...base, e({ f: "me" }, 200, { meEmail: null })];
    expect(check(signedOut, db([order(7, "k1", { 1: 2, 3: 1 })])).checks.noShopperLoggedOutUnasked).toBe(
      false,
    );
  });

  it("does not take a sign-in whose answer was lost for an empty cart", () => {
    const entries = [
      e({ f: "register", email: EMAIL }, 201),
      e({ f: "logout" }, 200),
      e({ f: "add", productId: 20, quantity: 1 }, 200, { cart: { 20: 1 } }),
      e({ f: "login", email: EMAIL }, 503, { retryAfter: "5" }),
      e({ f: "login", email: EMAIL }, 200),
      e({ f: "cart" }, 200, { cart: { 20: 1 } }),
    ];
    const v = check(entries, db([], { 20: 1 }));
    expect(v.violations).toEqual([]);
    expect(v.counts.untrackedCartWindows).toBe(1);
  });
});
