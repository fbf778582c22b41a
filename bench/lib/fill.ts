import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { query } from "./databases";

/**
 * Synthetic sessions, made in SQL (generate_series), never row by row. Row i of ours has the token
 * base64url(sha256("kc-bench-" + i)), so the bench can seal a cookie for any row without keeping
 * a million tokens. Even i: expired (idle expiry a day ago), odd i: live and seen just now (so a
 * read never needs the hourly renewal write). A third (i divisible by 3) hold a cart of two lines.
 */
export function benchToken(i: number): string {
  return createHash("sha256").update(`kc-bench-${i}`).digest("base64url");
}

/** The connect-pg-simple sid of peer row i (32 hex characters, like express-session's uid-safe ids). */
export function peerSid(i: number): string {
  return createHash("md5").update(`peer-${i}`).digest("hex");
}

const B64URL = (expr: string) => `translate(rtrim(encode(${expr}, 'base64'), '='), '+/', '-_')`;

/** Adds rows from+1..to to our sessions table (in chunks, so one statement never runs for minutes). */
export async function fillOurSessions(url: string, from: number, to: number): Promise<void> {
  const chunk = 250_000;
  for (let start = from + 1; start <= to; start += chunk) {
    const end = Math.min(to, start + chunk - 1);
    await query(
      url,
      `insert into sessions (id, user_id, created_at, last_seen_at, idle_expires_at, absolute_expires_at, user_agent, ip)
       select ${B64URL(`sha256(convert_to(${B64URL("sha256(convert_to('kc-bench-' || i, 'UTF8'))")}, 'UTF8'))`)},
         null, now() - interval '1 day',
         case when i % 2 = 0 then now() - interval '31 days' else now() end,
         case when i % 2 = 0 then now() - interval '1 day' else now() + interval '30 days' end,
         now() + interval '89 days',
         'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
         '203.0.113.0'
       from generate_series($1::int, $2::int) as i`,
      [start, end],
    );
    await query(
      url,
      `insert into carts (session_id)
       select ${B64URL(`sha256(convert_to(${B64URL("sha256(convert_to('kc-bench-' || i, 'UTF8'))")}, 'UTF8'))`)}
       from generate_series($1::int, $2::int) as i where i % 3 = 0`,
      [start, end],
    );
    // Two lines per cart (the products of the demo catalog, ids 1–28); the count trigger keeps item_count.
    await query(
      url,
      `insert into cart_items (cart_id, product_id, quantity)
       select c.id, p.id, 1 from carts c cross join lateral (values (1 + c.id % 28), (1 + (c.id + 7) % 28)) as p(id)
       where c.session_id is not null and c.id > coalesce((select max(cart_id) from cart_items), 0)`,
    );
  }
}

/** Bench row i holds a cart (fillOurSessions): a third of them. */
export const holdsCart = (i: number) => i % 3 === 0;

/** connect-pg-simple's own table definition, from the installed package. */
export async function createPeerTable(url: string): Promise<void> {
  const file = path.join(process.cwd(), "node_modules", "connect-pg-simple", "table.sql");
  await query(url, readFileSync(file, "utf8"));
}

/**
 * Peer rows shaped like express-session's: the cookie object plus a small cart, ~390 bytes of JSON,
 * all live for 30 days.
 */
export async function fillPeerSessions(url: string, from: number, to: number): Promise<void> {
  await query(
    url,
    `insert into "session" (sid, sess, expire)
     select md5('peer-' || i),
       json_build_object(
         'cookie', json_build_object('originalMaxAge', 2592000000,
           'expires', to_char((now() + interval '30 days') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'secure', false, 'httpOnly', true, 'path', '/', 'sameSite', 'lax'),
         'cart', json_build_object('items', json_build_array(
           json_build_object('productId', 1 + i % 28, 'quantity', 1 + i % 3, 'addedAt', now()),
           json_build_object('productId', 1 + (i + 7) % 28, 'quantity', 1, 'addedAt', now()))),
         'csrfSecret', md5('csrf-' || i), 'userAgent', 'Mozilla/5.0 (X11; Linux x86_64)'),
       now() + interval '30 days'
     from generate_series($1::int, $2::int) as i`,
    [from + 1, to],
  );
}

export async function vacuumAnalyze(url: string, table: string): Promise<void> {
  await query(url, `vacuum analyze "${table}"`);
}

export async function averageRowBytes(url: string, table: string, column: string): Promise<number> {
  const [row] = await query<{ b: string }>(
    url,
    `select avg(pg_column_size("${column}"))::int as b from (select "${column}" from "${table}" limit 1000) s`,
  );
  return Number(row?.b ?? 0);
}
