import "server-only";
import { eq } from "drizzle-orm";
import { headers } from "next/headers";
import type { Queryable } from "@/db/client";
import { users } from "@/db/schema";
import { type CappedLine, mergeAnonymousCart } from "../cart";
import { withDb } from "../db";
import { AppError } from "../errors";
import { endSession, getSession, issueSession, noteOwnWrite, setSessionCookie } from "../session";
import { clientIp } from "../session/cookie";
import { deleteSession } from "../session/store";
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from "./password";
import { claimAttempt, releaseAttempt, type ThrottleRule } from "./throttle";

export type LoginResult = { userId: number; capped: CappedLine[] };
const WRONG_CREDENTIALS = "That email and password don't match an account.";

/**
 * A new token and row for `userId`, the old session deleted (no fixation), and an anonymous cart
 * merged into the account's: one transaction, then the cookie. `first` runs at the start of that
 * transaction (a password reset changes the password and revokes the other sessions in it).
 */
export async function startUserSession(
  userId: number,
  first?: (tx: Queryable) => Promise<void>,
): Promise<CappedLine[]> {
  const previous = await getSession();
  const { issued, capped } = await withDb((db) =>
    db.transaction(async (tx) => {
      if (first) await first(tx);
      const issued = await issueSession(tx, userId);
      let capped: CappedLine[] = [];
      if (previous) {
        if (previous.userId == null) capped = await mergeAnonymousCart(tx, previous.id, userId);
        await deleteSession(tx, previous.id);
      }
      return { issued, capped };
    }),
  );
  await setSessionCookie(issued);
  // The old session is gone and the account's cart may have gained the anonymous lines.
  if (previous) await noteOwnWrite(previous);
  await noteOwnWrite({ id: issued.id, userId });
  return capped;
}

export async function register(input: { email: string; password: string }): Promise<LoginResult> {
  const passwordHash = await hashPassword(input.password);
  const created = await withDb((db) =>
    db
      .insert(users)
      .values({ email: input.email, passwordHash })
      .onConflictDoNothing()
      .returning({ id: users.id }),
  );
  const userId = created[0]?.id;
  if (!userId) {
    throw new AppError("CONFLICT", "An account with this email already exists. Log in instead.", {
      field: "email",
    });
  }
  return { userId, capped: await startUserSession(userId) };
}

/**
 * Per account, and per ip. Many shoppers can share an ip (an office, a mobile carrier, a server
 * reached without a proxy), so the ip is slowed only after 10 failures, not after 3.
 */
export function loginRules(email: string, ip: string): ThrottleRule[] {
  return [
    { key: `email:${email}`, limit: 10 },
    { key: `ip:${ip}`, limit: 50, slowAfter: 10 },
  ];
}

/** `now` is for tests of the throttle window's end. */
export async function login(
  input: { email: string; password: string },
  { now = new Date() }: { now?: Date } = {},
): Promise<LoginResult> {
  const rules = loginRules(input.email, clientIp(await headers()));
  const state = await withDb((db) => claimAttempt(db, rules, now));
  if (state.retryAfterSeconds !== null) {
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `Too many failed attempts. Try again in ${Math.ceil(state.retryAfterSeconds / 60)} minutes.`,
      { retryAfterSeconds: state.retryAfterSeconds },
    );
  }
  let userId: number;
  try {
    userId = await checkCredentials(input, state.delayMs);
  } catch (error) {
    // An outage or a bug is not a guess: give the claim back.
    if (!(error instanceof AppError && error.code === "UNAUTHENTICATED")) await giveBack(rules);
    throw error;
  }
  await withDb((db) => releaseAttempt(db, rules, [`email:${input.email}`]));
  return { userId, capped: await startUserSession(userId) };
}

/**
 * Gives an attempt's claim back; if the database is down (the usual reason we are here), keeps
 * trying in the background for a minute, so outages do not pile up claims on a shared ip.
 */
async function giveBack(rules: ThrottleRule[], tries = 0): Promise<void> {
  try {
    await withDb((db) => releaseAttempt(db, rules));
  } catch {
    if (tries < 30) setTimeout(() => void giveBack(rules, tries + 1), 2000).unref();
  }
}

async function checkCredentials(
  input: { email: string; password: string },
  delayMs: number,
): Promise<number> {
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  const found = await withDb((db) =>
    db
      .select({ id: users.id, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.email, input.email)),
  );
  const user = found[0];
  // Always one scrypt: an unknown email takes as long as a wrong password.
  const matches = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !matches) throw new AppError("UNAUTHENTICATED", WRONG_CREDENTIALS);
  return user.id;
}

export async function logout(): Promise<void> {
  await endSession();
}
