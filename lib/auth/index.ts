import "server-only";
import { eq } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import type { Queryable } from "@/db/client";
import { users } from "@/db/schema";
import { type CappedLine, mergeAnonymousCart } from "../cart";
import { withDb } from "../database";
import { AppError } from "../errors";
import { endSession, getSession, issueSession, noteOwnWrite, setSessionCookie } from "../session";
import { clientIp, isHttpsRequest } from "../session/cookie";
import { deleteSession } from "../session/store";
import { mailAccountConfirmation } from "./confirm";
import {
  type DeviceEntry,
  deviceCookieName,
  deviceCookieOptions,
  nonceFor,
  readDeviceCookie,
  sealWithAccount,
} from "./device-cookie";
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

/**
 * Creates the account and signs it in. The same transaction writes the mail with the link that
 * confirms the address (lib/auth/confirm.ts): guest orders join the account only once it is followed.
 */
export async function register(input: { email: string; password: string }): Promise<LoginResult> {
  const passwordHash = await hashPassword(input.password);
  const userId = await withDb((db) =>
    db.transaction(async (tx) => {
      const created = await tx
        .insert(users)
        .values({ email: input.email, passwordHash })
        .onConflictDoNothing()
        .returning({ id: users.id });
      const id = created[0]?.id;
      if (id) await mailAccountConfirmation(tx, { id, email: input.email, passwordHash });
      return id;
    }),
  );
  if (!userId) {
    throw new AppError("CONFLICT", "An account with this email already exists. Log in instead.", {
      field: "email",
    });
  }
  const capped = await startUserSession(userId);
  await rememberDevice(await myDevices(), userId);
  return { userId, capped };
}

/** The accounts this browser's device cookie vouches for (docs/decisions/028-device-cookies.md). */
async function myDevices(): Promise<DeviceEntry[]> {
  const https = isHttpsRequest(await headers());
  return readDeviceCookie("shopper", (await cookies()).get(deviceCookieName("shopper", https))?.value);
}

/** After a sign-in: this browser is the account's from now on (a fresh nonce, so old lockouts are gone). */
async function rememberDevice(devices: DeviceEntry[], userId: number): Promise<void> {
  const https = isHttpsRequest(await headers());
  const seal = await sealWithAccount("shopper", devices, accountKey(userId));
  (await cookies()).set(deviceCookieName("shopper", https), seal, deviceCookieOptions(https));
}

const accountKey = (userId: number) => `user:${userId}`;

/**
 * A browser that has signed in to the account before (a device cookie naming it) is counted on its
 * own: nothing another browser does can lock it out, and it is itself locked after 10 wrong guesses.
 * Every other browser shares the per-account and per-ip counters: at most 10 guesses per account
 * per 15 minutes, whoever makes them. Many shoppers can share an ip (an office, a mobile carrier),
 * so the ip is slowed only after 10 failures, not after 3.
 */
export function loginRules(
  email: string,
  ip: string,
  device?: { userId: number; nonce: string },
): ThrottleRule[] {
  if (device) return [{ key: `device:${device.userId}:${device.nonce}`, limit: 10 }];
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
  const user = await findUser(input.email);
  const devices = await myDevices();
  const nonce = user ? nonceFor(devices, accountKey(user.id)) : null;
  const rules = loginRules(
    input.email,
    clientIp(await headers()),
    user && nonce ? { userId: user.id, nonce } : undefined,
  );
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
    userId = await checkCredentials(user, input.password, state.delayMs);
  } catch (error) {
    // An outage or a bug is not a guess: give the claim back.
    if (!(error instanceof AppError && error.code === "UNAUTHENTICATED")) await giveBack(rules);
    throw error;
  }
  // The account's shared counter is not cleared: the owner signing in must not hand a guesser a
  // fresh ten. This browser's own counter starts again.
  await withDb((db) => releaseAttempt(db, rules, nonce ? rules.map((r) => r.key) : []));
  const capped = await startUserSession(userId);
  await rememberDevice(devices, userId);
  return { userId, capped };
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

async function findUser(email: string): Promise<{ id: number; passwordHash: string } | undefined> {
  const found = await withDb((db) =>
    db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, email)),
  );
  return found[0];
}

async function checkCredentials(
  user: { id: number; passwordHash: string } | undefined,
  password: string,
  delayMs: number,
): Promise<number> {
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  // Always one scrypt: an unknown email takes as long as a wrong password.
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (!user || !matches) throw new AppError("UNAUTHENTICATED", WRONG_CREDENTIALS);
  return user.id;
}

export async function logout(): Promise<void> {
  await endSession();
}
