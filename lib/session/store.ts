import { and, desc, eq, gt, ne, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { sessions } from "@/db/schema";
import { asDate } from "../database";
import { env } from "../env";
import type { SessionPolicy } from "./policy";

/** What a request knows about its session after the one SELECT. */
export type SessionRecord = {
  id: string;
  userId: number | null;
  email: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  absoluteExpiresAt: Date;
  cartCount: number;
  unreadCount: number;
};

type Row = {
  id: string;
  user_id: number | null;
  email: string | null;
  created_at: Date | string;
  last_seen_at: Date | string;
  absolute_expires_at: Date | string;
  cart_count: number;
  unread_count: number;
};

/** The one statement this module names: its text never changes within a process (a name is bound to one text). */
export const FIND_SESSION_STATEMENT = "keepcart_find_session";

// $1: the session id, $2: now. Both timeouts are enforced here, against the caller's clock.
// The counts are columns kept by triggers (carts.item_count, users.unread_count; decision 025): one
// index probe each, where summing the cart's lines per request cost a third of the read's throughput.
const FIND_SESSION_TEXT = `
    select s.id, s.user_id, u.email, s.created_at, s.last_seen_at, s.absolute_expires_at,
      coalesce(case when s.user_id is null
        then (select c.item_count from carts c where c.session_id = s.id)
        else (select c.item_count from carts c where c.user_id = s.user_id)
      end, 0) as cart_count,
      coalesce(u.unread_count, 0) as unread_count
    from sessions s left join users u on u.id = s.user_id
    where s.id = $1 and s.idle_expires_at > $2 and s.absolute_expires_at > $2`;

type PoolLike = {
  totalCount: number;
  query: (q: { name?: string; text: string; values: unknown[] }) => Promise<{ rows: Row[] }>;
};

function nodePostgresPool(db: Queryable): PoolLike | undefined {
  const client = (db as unknown as { $client?: unknown }).$client;
  return client && typeof client === "object" && "totalCount" in client ? (client as PoolLike) : undefined;
}

/** The same text through drizzle (PGlite, transactions): each $n becomes a bound parameter. */
function bound(text: string, values: unknown[]) {
  const chunks = text.split(/\$(\d+)/);
  return sql.join(
    chunks.map((chunk, i) => (i % 2 ? sql`${values[Number(chunk) - 1]}` : sql.raw(chunk))),
    sql.raw(""),
  );
}

/**
 * The per-request read: session, user, cart item count and unread notifications in one round trip.
 * With `prepared` (DB_PREPARED_STATEMENTS=on) on a node-postgres pool it is a *named* statement:
 * PostgreSQL parses and plans it once per connection instead of on every request, which is most
 * of the cost of this small query (bench/README.md). Behind a transaction-mode pooler without
 * prepared-statement support a name cannot be kept, hence the switch (docs/decisions/024).
 */
export async function findSession(
  db: Queryable,
  id: string,
  now: Date,
  options: { prepared?: boolean } = {},
): Promise<SessionRecord | null> {
  const prepared = options.prepared ?? env().DB_PREPARED_STATEMENTS === "on";
  const pool = nodePostgresPool(db);
  const values = [id, now];
  const rows = pool
    ? (
        await pool.query({
          name: prepared ? FIND_SESSION_STATEMENT : undefined,
          text: FIND_SESSION_TEXT,
          values,
        })
      ).rows
    : (await db.execute<Row>(bound(FIND_SESSION_TEXT, values))).rows;
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    userId: row.user_id,
    email: row.email,
    createdAt: asDate(row.created_at),
    lastSeenAt: asDate(row.last_seen_at),
    absoluteExpiresAt: asDate(row.absolute_expires_at),
    cartCount: Number(row.cart_count),
    unreadCount: Number(row.unread_count),
  };
}

export async function insertSession(
  db: Queryable,
  input: {
    id: string;
    userId: number | null;
    now: Date;
    policy: SessionPolicy;
    userAgent: string | null;
    ip: string | null;
  },
): Promise<{ absoluteExpiresAt: Date }> {
  const absoluteExpiresAt = new Date(input.now.getTime() + input.policy.absoluteMs);
  const idleExpiresAt = new Date(
    Math.min(input.now.getTime() + input.policy.idleMs, absoluteExpiresAt.getTime()),
  );
  await db.insert(sessions).values({
    id: input.id,
    userId: input.userId,
    createdAt: input.now,
    lastSeenAt: input.now,
    idleExpiresAt,
    absoluteExpiresAt,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
    ip: input.ip,
  });
  return { absoluteExpiresAt };
}

/** Whether this read should slide the idle expiry: at most once per renewal interval. */
export function needsRenewal(
  session: Pick<SessionRecord, "lastSeenAt">,
  now: Date,
  policy: SessionPolicy,
): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= policy.renewalMs;
}

export async function renewSession(
  db: Queryable,
  id: string,
  now: Date,
  policy: SessionPolicy,
): Promise<void> {
  const idle = new Date(now.getTime() + policy.idleMs);
  await db
    .update(sessions)
    .set({ lastSeenAt: now, idleExpiresAt: sql`least(${idle}::timestamptz, ${sessions.absoluteExpiresAt})` })
    .where(eq(sessions.id, id));
}

export async function deleteSession(db: Queryable, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Deletes every session of a user, or every one but `exceptId`. Returns how many. */
export async function deleteUserSessions(db: Queryable, userId: number, exceptId?: string): Promise<number> {
  const where = exceptId
    ? and(eq(sessions.userId, userId), ne(sessions.id, exceptId))
    : eq(sessions.userId, userId);
  const deleted = await db.delete(sessions).where(where).returning({ id: sessions.id });
  return deleted.length;
}

export type SessionListing = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  ip: string | null;
};

export async function listUserSessions(db: Queryable, userId: number, now: Date): Promise<SessionListing[]> {
  return db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
    })
    .from(sessions)
    .where(
      and(eq(sessions.userId, userId), gt(sessions.idleExpiresAt, now), gt(sessions.absoluteExpiresAt, now)),
    )
    .orderBy(desc(sessions.lastSeenAt));
}
