import { withDb } from "../db";
import { sessionPolicy } from "./policy";
import { forgetSeal, unsealToken } from "./seal";
import { findSession, needsRenewal, renewSession, type SessionRecord } from "./store";
import { sessionIdOf } from "./token";

export type Resolution = {
  session: SessionRecord | null;
  /** The request carried a cookie that is not (or no longer) a session: clear it. */
  invalidCookie: boolean;
};

/**
 * Cookie value → session. The only place a cookie becomes a session. One SELECT; an UPDATE only
 * when the idle expiry is due to slide (at most once per renewal interval). Database failures
 * propagate as AppError UNAVAILABLE: an outage never looks like "logged out".
 */
export async function resolveSessionCookie(seal: string | undefined, now = new Date()): Promise<Resolution> {
  if (!seal) return { session: null, invalidCookie: false };
  const policy = sessionPolicy();
  const token = await unsealToken(seal, policy.absoluteMs / 1000);
  if (!token) return { session: null, invalidCookie: true };
  const id = sessionIdOf(token);
  return withDb(async (db) => {
    const session = await findSession(db, id, now);
    if (!session) {
      forgetSeal(seal);
      return { session: null, invalidCookie: true };
    }
    if (needsRenewal(session, now, policy)) await renewSession(db, id, now, policy);
    return { session, invalidCookie: false };
  });
}
