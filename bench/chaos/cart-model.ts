import type { CartState, Entry } from "./history";

/**
 * What one client's cart may hold, as the set of states its history allows: an acknowledged change
 * must be in (the answer shows the cart, which must be one of the states the earlier history allows
 * with the change applied); an unknown one may or may not be; a refused one is not. `null`: the
 * history allows too many states to track (then the next answer that shows the cart is believed).
 */
export type Possible = Set<string> | null;

const MAX_STATES = 256;

export function key(cart: CartState): string {
  return Object.entries(cart)
    .filter(([, q]) => q > 0)
    .map(([p, q]) => [Number(p), q] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([p, q]) => `${p}:${q}`)
    .join(",");
}

export function parse(k: string): CartState {
  if (!k) return {};
  return Object.fromEntries(k.split(",").map((pair) => pair.split(":").map(Number) as [number, number]));
}

export const EMPTY: Possible = new Set([""]);

/** The state after a cart change, or undefined when the server would refuse it (nothing changes). */
export function apply(cart: CartState, op: Entry["op"]): CartState | undefined {
  const next = { ...cart };
  if (op.f === "add") next[op.productId] = (next[op.productId] ?? 0) + op.quantity;
  else if (op.f === "set") {
    if (!next[op.productId]) return undefined; // not in the cart: 404
    next[op.productId] = op.quantity;
  } else if (op.f === "remove") delete next[op.productId];
  else if (op.f === "checkout") return {};
  else return undefined;
  return next;
}

export function afterOp(possible: Possible, op: Entry["op"], outcome: "ok" | "unknown"): Possible {
  if (possible === null) return null;
  const out = new Set<string>(outcome === "unknown" ? possible : []);
  for (const k of possible) {
    const next = apply(parse(k), op);
    if (next) out.add(key(next));
  }
  return out.size > MAX_STATES ? null : out;
}

/** Login/register: the anonymous cart's lines added to the account's, capped where the answer said. */
export function merge(
  user: Possible,
  anon: Possible,
  capped: { productId: number; kept: number }[] = [],
): Possible {
  if (user === null || anon === null) return null;
  const kept = new Map(capped.map((c) => [c.productId, c.kept]));
  const out = new Set<string>();
  for (const u of user) {
    for (const a of anon) {
      const next = parse(u);
      for (const [p, q] of Object.entries(parse(a))) {
        const id = Number(p);
        const cap = kept.get(id);
        if (cap === undefined) next[id] = (next[id] ?? 0) + q;
        else if (cap > 0) next[id] = cap; // capped at zero: the account's line is left as it was
      }
      out.add(key(next));
    }
  }
  return out.size > MAX_STATES ? null : out;
}

export function union(a: Possible, b: Possible): Possible {
  if (a === null || b === null) return null;
  const out = new Set([...a, ...b]);
  return out.size > MAX_STATES ? null : out;
}
