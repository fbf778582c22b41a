import { beginFill, cachedSession, type EvictionKey, fillSession, sessionKey, userKey } from "../cache";
import { withDb } from "../database";
import { type SessionPolicy, sessionPolicy } from "./policy";
import { forgetSeal, unsealToken } from "./seal";
import { findSession, needsRenewal, renewSession, type SessionRecord } from "./store";
import { sessionIdOf } from "./token";

export type Resolution = {
  session: SessionRecord | null;
  /** The request carried a cookie that is not (or no longer) a session: clear it. */
  invalidCookie: boolean;
};

/** What must evict a cached session: its row (and anonymous cart), and its user (email, counts, cart). */
export function sessionEvictionKeys(session: Pick<SessionRecord, "id" | "userId">): EvictionKey[] {
  return session.userId != null
    ? [sessionKey(session.id), userKey(session.userId)]
    : [sessionKey(session.id)];
}

/** A cached record answers only while the database would say the same: not expired, not due to renew. */
function servable(session: SessionRecord, now: Date, policy: SessionPolicy): boolean {
  const t = now.getTime();
  return (
    t < session.absoluteExpiresAt.getTime() &&
    t < session.lastSeenAt.getTime() + policy.idleMs &&
    !needsRenewal(session, now, policy)
  );
}

/**
 * Cookie value → session. The only place a cookie becomes a session. A warm instance answers from
 * its cache (lib/cache: only while its listener hears every change; never for a browser whose own
 * write is newer than the entry, `freshAfter`). Otherwise one SELECT, and an UPDATE only when the
 * idle expiry is due to slide (at most once per renewal interval). Database failures propagate as
 * AppError UNAVAILABLE: an outage never looks like "logged out".
 */
export async function resolveSessionCookie(
  seal: string | undefined,
  now = new Date(),
  freshAfter = 0,
): Promise<Resolution> {
  if (!seal) return { session: null, invalidCookie: false };
  const policy = sessionPolicy();
  const token = await unsealToken(seal, policy.absoluteMs / 1000);
  if (!token) return { session: null, invalidCookie: true };
  const id = sessionIdOf(token);
  const cached = cachedSession<SessionRecord>(id, freshAfter);
  if (cached && servable(cached, now, policy)) return { session: cached, invalidCookie: false };
  const ticket = beginFill();
  return withDb(async (db) => {
    const session = await findSession(db, id, now);
    if (!session) {
      forgetSeal(seal);
      return { session: null, invalidCookie: true };
    }
    // A renewal's own notification evicts this session everywhere: the next read fills it.
    if (needsRenewal(session, now, policy)) await renewSession(db, id, now, policy);
    else fillSession(ticket, id, Object.freeze(session), sessionEvictionKeys(session));
    return { session, invalidCookie: false };
  });
}
