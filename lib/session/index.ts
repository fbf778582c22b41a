import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Queryable } from "@/db/client";
import { evictLocally } from "../cache";
import { withDb } from "../database";
import { AppError } from "../errors";
import { CONTEXT_HEADER, decodeContext } from "./context";
import {
  coarseIp,
  cookieNameFor,
  cookieOptions,
  FRESH_COOKIE,
  FRESH_MAX_AGE_SECONDS,
  freshAfter,
  isHttpsRequest,
} from "./cookie";
import { sessionPolicy } from "./policy";
import { pruneAfterSessionWrite } from "./prune";
import { resolveSessionCookie, sessionEvictionKeys } from "./resolve";
import { sealToken } from "./seal";
import {
  deleteSession,
  deleteUserSessions,
  insertSession,
  listUserSessions,
  type SessionListing,
  type SessionRecord,
} from "./store";
import { newSessionToken, sessionIdOf } from "./token";

export type { SessionRecord } from "./store";
export type UserSession = SessionRecord & { userId: number; email: string };

/**
 * The current request's session, or null. Memoised per request. Pages get it from proxy.ts (already
 * resolved, one SELECT); actions and route handlers resolve the cookie here.
 */
export const getSession = cache(async (): Promise<SessionRecord | null> => {
  const h = await headers();
  const forwarded = decodeContext(h.get(CONTEXT_HEADER));
  if (forwarded) return forwarded.session;
  const name = cookieNameFor(isHttpsRequest(h));
  const jar = await cookies();
  const { session, invalidCookie } = await resolveSessionCookie(
    jar.get(name)?.value,
    new Date(),
    freshAfter(jar.get(FRESH_COOKIE)?.value),
  );
  if (invalidCookie) await clearSessionCookie();
  return session;
});

export async function getUser(): Promise<UserSession | null> {
  const session = await getSession();
  return session?.userId != null && session.email ? (session as UserSession) : null;
}

/** A logged-in shopper, or: pages redirect to the login (then back to `redirectTo`), APIs get 401. */
export async function requireUser(options: { redirectTo?: string } = {}): Promise<UserSession> {
  const user = await getUser();
  if (user) return user;
  if (options.redirectTo !== undefined) redirect(`/login?next=${encodeURIComponent(options.redirectTo)}`);
  throw new AppError("UNAUTHENTICATED", "Please log in first.");
}

/**
 * Runs a write in one transaction with the current session; a visitor without one gets a new row
 * in that same transaction, so a refused first write (unknown product, no stock) leaves no session
 * row and sets no cookie.
 */
export async function writeWithSession<T>(
  write: (tx: Queryable, session: SessionRecord) => Promise<T>,
): Promise<T> {
  const existing = await getSession();
  if (existing) {
    const result = await withDb((db) => db.transaction((tx) => write(tx, existing)));
    await noteOwnWrite(existing);
    return result;
  }
  const { issued, result } = await withDb((db) =>
    db.transaction(async (tx) => {
      const issued = await issueSession(tx, null);
      return { issued, result: await write(tx, newSessionRecord(issued)) };
    }),
  );
  await setSessionCookie(issued);
  return result;
}

function newSessionRecord(issued: IssuedSession): SessionRecord {
  return {
    id: issued.id,
    userId: null,
    email: null,
    createdAt: issued.now,
    lastSeenAt: issued.now,
    absoluteExpiresAt: issued.absoluteExpiresAt,
    cartCount: 0,
    unreadCount: 0,
  };
}

export type IssuedSession = { id: string; seal: string; now: Date; absoluteExpiresAt: Date };

/** Inserts a fresh session row (new random token) inside the caller's transaction; the cookie is set after commit. */
export async function issueSession(db: Queryable, userId: number | null): Promise<IssuedSession> {
  const h = await headers();
  const policy = sessionPolicy();
  const token = newSessionToken();
  const id = sessionIdOf(token);
  const now = new Date();
  const { absoluteExpiresAt } = await insertSession(db, {
    id,
    userId,
    now,
    policy,
    userAgent: h.get("user-agent"),
    ip: coarseIp(h),
  });
  const seal = await sealToken(token, Math.ceil(policy.absoluteMs / 1000));
  return { id, seal, now, absoluteExpiresAt };
}

export async function setSessionCookie(issued: IssuedSession): Promise<void> {
  const https = isHttpsRequest(await headers());
  const maxAge = Math.floor((issued.absoluteExpiresAt.getTime() - Date.now()) / 1000);
  (await cookies()).set(cookieNameFor(https), issued.seal, cookieOptions(https, maxAge));
  pruneAfterSessionWrite(); // serverless only; a new session is a write request anyway
}

/** Clears the cookie with the same flags it was set with (a `__Host-` cookie is only replaced by a Secure one). */
export async function clearSessionCookie(): Promise<void> {
  const https = isHttpsRequest(await headers());
  try {
    (await cookies()).set(cookieNameFor(https), "", cookieOptions(https, 0));
  } catch {
    // A server component render cannot set cookies; proxy.ts clears dead cookies on page requests.
  }
}

/**
 * After a write this browser made to what the cache holds (its cart, its session, its order): this
 * instance evicts at once (the database's notification may arrive after the reply), and the browser
 * carries the write's time, so that no instance answers it from an entry filled before the write
 * (docs/decisions/035). In a server component render the cookie cannot be set; the eviction still is.
 */
export async function noteOwnWrite(session: Pick<SessionRecord, "id" | "userId">): Promise<void> {
  evictLocally(sessionEvictionKeys(session));
  const https = isHttpsRequest(await headers());
  try {
    (await cookies()).set(FRESH_COOKIE, String(Date.now()), cookieOptions(https, FRESH_MAX_AGE_SECONDS));
  } catch {
    // A render: the next action or page of this browser sees the change within the listener's bound.
  }
}

/** Logout: the row is deleted, so a copy of the old cookie is worthless at once. */
export async function endSession(): Promise<void> {
  const session = await getSession();
  if (session) {
    await withDb((db) => deleteSession(db, session.id));
    evictLocally(sessionEvictionKeys({ id: session.id, userId: null }));
  }
  await clearSessionCookie();
}

export async function signOutOtherSessions(): Promise<number> {
  const user = await requireUser();
  const signedOut = await withDb((db) => deleteUserSessions(db, user.userId, user.id));
  evictLocally(sessionEvictionKeys(user));
  return signedOut;
}

export async function listMySessions(): Promise<(SessionListing & { current: boolean })[]> {
  const user = await requireUser();
  const list = await withDb((db) => listUserSessions(db, user.userId, new Date()));
  return list.map((s) => ({ ...s, current: s.id === user.id }));
}
