import { afterOp, EMPTY, key, merge, type Possible, union } from "./cart-model";
import type { CartState, Entry, ShownOrder } from "./history";

/**
 * The checker: reads the whole history and the database at the end, and says, check by check,
 * whether the books balance. Pure (no I/O), so a saved history can be checked again.
 */
export type DbOrder = {
  id: number;
  key: string;
  email: string;
  totalCents: number;
  status: string;
  lines: CartState;
};
export type FinalDatabase = {
  orders: DbOrder[];
  /** Each account's cart at the end (absent: no cart row, an empty cart). */
  userCarts: Map<string, CartState>;
};
/** A fault from its start to the moment it was healed (ms after the run's start). */
export type FaultWindow = { kind: string; at: number; healedAt: number };

export type Violation = { check: string; client: number; at: number; detail: string };

export type HistoryVerdict = {
  checks: Record<string, boolean>;
  violations: Violation[];
  counts: {
    operations: number;
    confirmedCheckouts: number;
    checkoutsRetried: number;
    checkoutsResolvedByRetry: number;
    checkoutsNeverSettled: number;
    unknownOutcomes: number;
    answers503: number;
    cartObservationsChecked: number;
    untrackedCartWindows: number;
    cancelsAcknowledged: number;
  };
};

export function checkHistory(
  entries: Entry[],
  db: FinalDatabase,
  faults: FaultWindow[],
  options: { graceMs: number },
): HistoryVerdict {
  const violations: Violation[] = [];
  const flag = (check: string, e: Entry, detail: string) =>
    violations.push({ check, client: e.client, at: e.at, detail });
  const counts: HistoryVerdict["counts"] = {
    operations: entries.length,
    confirmedCheckouts: 0,
    checkoutsRetried: 0,
    checkoutsResolvedByRetry: 0,
    checkoutsNeverSettled: 0,
    unknownOutcomes: entries.filter((e) => e.outcome === "unknown").length,
    answers503: entries.filter((e) => e.status === 503).length,
    cartObservationsChecked: 0,
    untrackedCartWindows: 0,
    cancelsAcknowledged: 0,
  };

  // Answers: no 500; a 503 says when to come back, and comes during a fault (or just after).
  const inFault = (e: Entry) =>
    faults.some((f) => e.at <= f.healedAt + options.graceMs && e.at + e.ms >= f.at);
  for (const e of entries) {
    if (e.status >= 500 && e.status !== 503) flag("no500", e, `${describe(e)} answered ${e.status}`);
    if (e.status === 503 && !e.retryAfter) flag("every503HasRetryAfter", e, `${describe(e)}: no Retry-After`);
    if (e.status === 503 && !inFault(e)) flag("no503OutsideFaults", e, `${describe(e)} answered 503`);
  }

  // Per client, in its own order: carts, sign-in, checkouts.
  const byClient = new Map<number, Entry[]>();
  for (const e of entries) {
    if (!byClient.has(e.client)) byClient.set(e.client, []);
    byClient.get(e.client)!.push(e);
  }
  const userCarts = new Map<string, Possible>(); // every account's cart, as its history allows
  // A new account's cart is empty; null (untracked) is kept as null, not taken for "no cart yet".
  const accountCart = (email: string): Possible => (userCarts.has(email) ? userCarts.get(email)! : EMPTY);
  const asked = new Map<string, { email: string; possible: Possible }>(); // checkout key → who, which cart
  const okByKey = new Map<string, Set<number>>();
  const shown = new Map<number, { e: Entry; order: ShownOrder; key: string; email: string }>();
  const cancelsAsked = new Set<number>();
  const cancelsAcked = new Set<number>();

  for (const [client, list] of byClient) {
    if (client < 0) {
      for (const e of list) {
        // Staff cancel; Stripe's expiry of an unpaid order cancels it too (a late payment is then
        // refunded, which leaves it cancelled).
        if (e.op.f === "webhook" && e.op.kind === "expired") cancelsAsked.add(e.op.orderId);
        if (e.op.f !== "cancel") continue;
        cancelsAsked.add(e.op.orderId);
        if (e.outcome === "ok") cancelsAcked.add(e.op.orderId);
      }
      continue;
    }
    let signedIn: string | null = null; // the account the history says this client is signed in to
    let anon: Possible = EMPTY;
    const cart = (): Possible => (signedIn ? accountCart(signedIn) : anon);
    const setCart = (p: Possible) => {
      if (signedIn) userCarts.set(signedIn, p);
      else anon = p;
    };
    // An answer that shows the cart: it must be a state the history allows; then it is the state.
    const observe = (e: Entry, seen: CartState, allowed: Possible) => {
      if (allowed === null) counts.untrackedCartWindows++;
      else {
        counts.cartObservationsChecked++;
        if (!allowed.has(key(seen)))
          flag(
            "noAcknowledgedCartChangeLost",
            e,
            `${describe(e)} showed {${key(seen)}}; the history allows ${[...allowed].map((k) => `{${k}}`).join(" or ")}`,
          );
      }
      setCart(new Set([key(seen)]));
    };

    for (const e of list) {
      const op = e.op;
      // Signed out by someone else: a 401, a cleared cookie, or "me" naming nobody, while signed in.
      if (signedIn && op.f !== "logout" && op.f !== "login" && op.f !== "register") {
        const lost =
          e.status === 401 ||
          e.cookieCleared ||
          (op.f === "me" && e.outcome === "ok" && e.meEmail !== signedIn);
        if (lost) flag("noShopperLoggedOutUnasked", e, `${describe(e)} while signed in as ${signedIn}`);
      }
      switch (op.f) {
        case "register":
        case "login": {
          if (e.outcome === "ok") {
            const merged = merge(accountCart(op.email), anon, e.capped);
            signedIn = op.email;
            userCarts.set(op.email, merged);
            anon = EMPTY;
          } else if (e.outcome === "unknown") {
            // It may have signed in (merging the anonymous cart) without the client's knowing.
            userCarts.set(op.email, null);
            anon = null;
          }
          break;
        }
        case "logout":
          if (e.outcome === "ok") {
            signedIn = null;
            anon = EMPTY;
          }
          break;
        case "add":
        case "set":
        case "remove": {
          const before = cart();
          if (e.outcome === "ok" && e.cart) observe(e, e.cart, afterOp(before, op, "ok"));
          else if (e.outcome === "unknown") setCart(afterOp(before, op, "unknown"));
          break;
        }
        case "cart":
          if (e.outcome === "ok" && e.cart) observe(e, e.cart, cart());
          break;
        case "checkout": {
          if (op.attempt === 0) asked.set(op.key, { email: signedIn ?? "", possible: cart() });
          if (op.attempt === 1) counts.checkoutsRetried++;
          const atCheckout = asked.get(op.key)!.possible;
          if (e.outcome === "ok" && e.order) {
            if (!okByKey.has(op.key)) {
              okByKey.set(op.key, new Set());
              counts.confirmedCheckouts++;
              if (op.attempt > 0) counts.checkoutsResolvedByRetry++;
            }
            okByKey.get(op.key)!.add(e.order.id);
            shown.set(e.order.id, { e, order: e.order, key: op.key, email: signedIn ?? "" });
            if (atCheckout && !atCheckout.has(key(e.order.lines)))
              flag("ordersHoldTheCartTheClientHad", e, `order ${e.order.id} holds {${key(e.order.lines)}}`);
            setCart(EMPTY);
          } else if (e.outcome === "unknown") setCart(union(cart(), EMPTY));
          break;
        }
        default:
          break;
      }
    }
  }

  // Orders: each confirmed one exists once, as shown; retries got the same one; none unasked.
  for (const [k, ids] of okByKey) {
    if (ids.size > 1) {
      const e = shown.get([...ids][0]!)!.e;
      flag("everyRetryGotTheSameOrder", e, `key ${k} answered orders ${[...ids].join(", ")}`);
    }
  }
  const dbById = new Map(db.orders.map((o) => [o.id, o]));
  for (const [id, s] of shown) {
    const o = dbById.get(id);
    if (!o) flag("confirmedOrdersExistAsShown", s.e, `order ${id} is not in the database`);
    else if (
      o.key !== s.key ||
      o.email !== s.email ||
      o.totalCents !== s.order.totalCents ||
      key(o.lines) !== key(s.order.lines)
    )
      flag(
        "confirmedOrdersExistAsShown",
        s.e,
        `order ${id}: shown ${s.order.totalCents} {${key(s.order.lines)}}, stored ${o.totalCents} {${key(o.lines)}} (${o.key})`,
      );
  }
  const none: Entry = {
    client: -2,
    email: null,
    op: { f: "me" },
    at: 0,
    ms: 0,
    target: "",
    status: 0,
    outcome: "ok",
  };
  const keysPerDbOrder = new Map<string, number>();
  for (const o of db.orders) {
    keysPerDbOrder.set(`${o.email} ${o.key}`, (keysPerDbOrder.get(`${o.email} ${o.key}`) ?? 0) + 1);
    const a = asked.get(o.key);
    if (!a || a.email !== o.email)
      flag("noOrderNobodyAskedFor", none, `order ${o.id} (${o.key}, ${o.email})`);
    else if (!okByKey.has(o.key)) {
      // Committed, but every answer was lost: it must still hold a cart the client could have had.
      if (a.possible && !a.possible.has(key(o.lines)))
        flag("ordersHoldTheCartTheClientHad", none, `unconfirmed order ${o.id} holds {${key(o.lines)}}`);
    }
    if (o.status === "cancelled" && !cancelsAsked.has(o.id))
      flag("noCancelNobodyAskedFor", none, `order ${o.id} is cancelled`);
  }
  for (const [k, n] of keysPerDbOrder)
    if (n > 1) flag("confirmedOrdersExistAsShown", none, `${n} orders for ${k}`);
  for (const id of cancelsAcked) {
    counts.cancelsAcknowledged++;
    if (dbById.get(id)?.status !== "cancelled") flag("acknowledgedCancelsHeld", none, `order ${id}`);
  }
  const refused = new Set(
    entries.flatMap((e) => (e.op.f === "checkout" && e.outcome === "fail" ? [e.op.key] : [])),
  );
  const stored = new Set(db.orders.map((o) => o.key));
  counts.checkoutsNeverSettled = [...asked.keys()].filter(
    (k) => !okByKey.has(k) && !stored.has(k) && !refused.has(k),
  ).length;

  // The carts at the end: each account's must be one its history allows.
  for (const [email, possible] of userCarts) {
    if (possible === null) continue;
    const final = key(db.userCarts.get(email) ?? {});
    if (!possible.has(final))
      flag(
        "finalCartsAsAcknowledged",
        none,
        `${email}: database {${final}}, history allows ${[...possible].map((k) => `{${k}}`).join(" or ")}`,
      );
  }

  const names = [
    "no500",
    "every503HasRetryAfter",
    "no503OutsideFaults",
    "noShopperLoggedOutUnasked",
    "noAcknowledgedCartChangeLost",
    "finalCartsAsAcknowledged",
    "ordersHoldTheCartTheClientHad",
    "everyRetryGotTheSameOrder",
    "confirmedOrdersExistAsShown",
    "noOrderNobodyAskedFor",
    "acknowledgedCancelsHeld",
    "noCancelNobodyAskedFor",
  ];
  const checks = Object.fromEntries(names.map((n) => [n, !violations.some((v) => v.check === n)]));
  return { checks, violations, counts };
}

function describe(e: Entry): string {
  const op = e.op;
  const what = "path" in op ? `${op.f} ${op.path}` : op.f;
  return `client ${e.client} ${what} at ${(e.at / 1000).toFixed(1)} s`;
}
