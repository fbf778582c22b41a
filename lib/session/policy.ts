import { env } from "../env";

/** How long sessions live. Defaults and their reasons: docs/decisions/002-session-lifetimes.md. */
export type SessionPolicy = { idleMs: number; absoluteMs: number; renewalMs: number };

export function sessionPolicy(): SessionPolicy {
  const e = env();
  return {
    idleMs: e.SESSION_IDLE_TIMEOUT_SECONDS * 1000,
    absoluteMs: e.SESSION_ABSOLUTE_TIMEOUT_SECONDS * 1000,
    renewalMs: e.SESSION_RENEWAL_INTERVAL_SECONDS * 1000,
  };
}
