/**
 * The recorded history of a chaos run: every operation a client invoked, with what it saw. Each has
 * one of three outcomes (Jepsen's): ok (the client saw the answer), fail (a refusal that promises
 * nothing changed: a 4xx) and unknown (no answer, or a 5xx: it may or may not have taken effect).
 * The checker (checker.ts) reads only this and the database at the end.
 */
export type CartState = Record<number, number>; // productId → quantity

export type Op =
  | { f: "register"; email: string }
  | { f: "login"; email: string }
  | { f: "logout" }
  | { f: "add"; productId: number; quantity: number }
  | { f: "set"; productId: number; quantity: number }
  | { f: "remove"; productId: number }
  | { f: "cart" }
  | { f: "me" }
  | { f: "browse"; path: string }
  | { f: "checkout"; key: string; attempt: number }
  | { f: "cancel"; orderId: number }
  | {
      f: "webhook";
      eventId: string;
      kind: "completed" | "pi-succeeded" | "expired";
      orderId: number;
      delivery: 1 | 2;
      attempt: number;
    };

export type Outcome = "ok" | "fail" | "unknown";

export type ShownOrder = { id: number; totalCents: number; lines: CartState };

export type Entry = {
  client: number; // -1: the staff client; -3: Stripe delivering webhooks
  email: string | null; // whose account the client believed it was signed in to (null: anonymous)
  op: Op;
  at: number; // invocation, ms after the run's start
  ms: number;
  target: string;
  status: number; // 0: no answer
  outcome: Outcome;
  code?: string;
  retryAfter?: string;
  cookieCleared?: boolean;
  error?: string; // why there was no answer: "network" (reset, refused) or "TimeoutError"
  cart?: CartState; // the cart the answer showed
  order?: ShownOrder; // the order a checkout answer showed
  capped?: { productId: number; kept: number }[]; // lines a login/register merge capped
  meEmail?: string | null; // who /api/auth/me said the client is
  handled?: string; // what the webhook route said it did with the event ("paid", "duplicate", …)
};

export function outcomeOf(status: number): Outcome {
  if (status >= 200 && status < 300) return "ok";
  if (status >= 400 && status < 500) return "fail";
  return "unknown"; // no answer, or a 5xx: nothing is promised either way
}

/** Seeded randomness (mulberry32): a run's schedule and the shoppers' choices replay from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
