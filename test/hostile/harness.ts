import { sql } from "drizzle-orm";
import fc from "fast-check";
import { expect } from "vitest";
import { getDb } from "@/lib/database";
import { currentBrowser } from "@/test/request";

/**
 * Shared pieces of the hostile-input battery. Runs are few (fast enough for `npm test` twice);
 * HOSTILE_RUNS raises them, HOSTILE_SEED replays a failure fast-check reported.
 */
export function fcOptions(numRuns = 30): fc.Parameters<unknown> {
  const seed = process.env.HOSTILE_SEED;
  return {
    numRuns: Number(process.env.HOSTILE_RUNS ?? numRuns),
    ...(seed ? { seed: Number(seed) } : {}),
  };
}

export const ORIGIN = "http://shop.test";

/** A route handler call as Next makes it, from the current test browser (same-site by default). */
export async function callRoute(
  handler: (request: Request, context: never) => Promise<Response>,
  init: {
    method: string;
    path: string;
    body?: unknown;
    raw?: BodyInit;
    headers?: Record<string, string>;
    params?: Record<string, string>;
  },
): Promise<{ status: number; body: { error?: { code: string; message: string; field?: string } } }> {
  const headers = new Headers(currentBrowser().headers);
  headers.set("host", "shop.test");
  headers.set("origin", ORIGIN);
  if (init.body !== undefined) headers.set("content-type", "application/json");
  for (const [k, v] of Object.entries(init.headers ?? {})) headers.set(k, v);
  const request = new Request(`${ORIGIN}${init.path}`, {
    method: init.method,
    headers,
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    duplex: "half",
  } as RequestInit);
  const context = { params: Promise.resolve(init.params ?? {}) } as never;
  const response = await handler(request, context);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/** A refusal the client can act on: a 4xx with {error:{code,message}} whose message says something. */
export function expectRefusal(
  answer: { status: number; body: { error?: { code: string; message: string } } },
  label: unknown,
): void {
  const where = JSON.stringify(label)?.slice(0, 300);
  expect(answer.status, where).toBeGreaterThanOrEqual(400);
  expect(answer.status, where).toBeLessThan(500);
  expect(answer.body.error?.code, where).toMatch(/^[A-Z_]+$/);
  expect(answer.body.error?.message.length, where).toBeGreaterThan(5);
}

/**
 * Everything a refused request must leave as it was: every table's row count (the throttle table
 * aside: a wrong password is meant to be counted), every cart line and every product's stock.
 */
export async function databaseState(): Promise<string> {
  const db = await getDb();
  const tables = await db.execute<{ name: string }>(sql`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'auth_throttle'
    order by 1`);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from "${name}"`));
    counts[name] = Number(r.rows[0]!.n);
  }
  const lines = await db.execute(
    sql`select cart_id, product_id, quantity from cart_items order by cart_id, product_id`,
  );
  const stock = await db.execute(sql`select id, stock, price_cents, active from products order by id`);
  const orders = await db.execute(sql`select id, status from orders order by id`);
  return JSON.stringify({ counts, lines: lines.rows, stock: stock.rows, orders: orders.rows });
}

/** Values no field of ours accepts as they are: wrong types, notations, edges, injections. */
export const junkScalars = [
  null,
  true,
  false,
  "",
  " ",
  "2",
  "1e3",
  "0x1",
  "1_000",
  "-1",
  "NaN",
  "Infinity",
  -1,
  0,
  -0.5,
  1.5,
  1e308,
  -1e308,
  2 ** 31,
  99_999_999_999,
  Number.MAX_SAFE_INTEGER,
  [],
  [1],
  {},
  { $gt: 0 },
  "' OR 1=1 --",
  "1; drop table users; --",
  "<script>alert(1)</script>",
  "\u0000",
  "a\u0000b",
  "\u202e\u0007",
  "x".repeat(5000),
];

export const junk = fc.oneof(
  fc.constantFrom(...junkScalars),
  fc.string({ maxLength: 40 }),
  fc.double(),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  fc.anything({ maxDepth: 2 }),
);

let hostileTextArbitrary: fc.Arbitrary<string> | undefined;

/**
 * Hostile text for free-text fields: unicode, control and invisible characters, markup, SQL, very long.
 * Made on first use: fast-check takes 0.6 s to build its "binary" unit, which every file importing
 * this harness paid at import, though two of ten use it.
 */
export function hostileText(): fc.Arbitrary<string> {
  hostileTextArbitrary ??= fc.oneof(
    fc.constantFrom(
      "\u0000",
      "Bob\u0000",
      "line\u0008feed",
      "<img src=x onerror=alert(1)>",
      "'; select pg_sleep(5); --",
      "%' or '1'='1",
      "🛒".repeat(300),
      "é".repeat(1000),
      // Invisible and direction-changing (issue #18): C1, bidi override, zero width, line separator.
      "Ada\u0085",
      "\u202egnp.exe",
      "Ad\u200ba",
      "1 Row\u2028Flat 2",
      "\ufeffAda",
    ),
    fc.string({ unit: "binary", maxLength: 300 }),
  );
  return hostileTextArbitrary;
}
