import "server-only";
import { waitUntil } from "@vercel/functions";
import { eq } from "drizzle-orm";
import { headers } from "next/headers";
import { users } from "@/db/schema";
import type { CappedLine } from "../cart";
import { withDb } from "../database";
import { AppError } from "../errors";
import { log } from "../log";
import { enqueueMail } from "../mail/outbox";
import { clientIp } from "../session/cookie";
import { startUserSession } from ".";
import { replacePassword } from "./account";
import { passwordResetMail } from "./mails";
import { hashPassword } from "./password";
import { claimAttempt } from "./throttle";
import { findUsableToken, issueUserToken, markTokenUsed } from "./tokens";

export const RESET_LINK_DEAD = "This reset link has expired or was already used. Ask for a new one below.";

/**
 * Per ip: a few people may share one. Per email: a handful of mails per window, then silence (the
 * answer stays the same, so the limit reveals nothing about the account).
 */
const IP_LIMIT = 20;
const EMAIL_LIMIT = 3;

/**
 * "Forgot your password?": the answer and its timing do not depend on whether the account exists.
 * The request only counts itself against the throttle; looking the account up, making the token
 * and writing the mail happen after the response (`waitUntil`), in one transaction. Returns that
 * background work so tests can wait for it; callers answer without awaiting it.
 */
export async function requestPasswordReset(
  email: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<{ done: Promise<void> }> {
  const ip = clientIp(await headers());
  const perIp = await withDb((db) =>
    claimAttempt(db, [{ key: `reset-ip:${ip}`, limit: IP_LIMIT, slowAfter: IP_LIMIT }], now),
  );
  if (perIp.retryAfterSeconds !== null) {
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `Too many reset requests from your network. Try again in ${Math.ceil(perIp.retryAfterSeconds / 60)} minutes.`,
      { retryAfterSeconds: perIp.retryAfterSeconds },
    );
  }
  const done = mailResetLink(email, now).catch((error) =>
    log.error("password reset request failed", { error }),
  );
  waitUntil(done);
  return { done };
}

async function mailResetLink(email: string, now: Date): Promise<void> {
  const key = `reset-email:${email}`;
  const perEmail = await withDb((db) =>
    claimAttempt(db, [{ key, limit: EMAIL_LIMIT, slowAfter: EMAIL_LIMIT }], now),
  );
  if (perEmail.retryAfterSeconds !== null) {
    log.info("password reset mail not sent: too many for this address in the window");
    return;
  }
  await withDb((db) =>
    db.transaction(async (tx) => {
      const [user] = await tx
        .select({ id: users.id, passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.email, email));
      if (!user) return;
      const token = await issueUserToken(tx, {
        userId: user.id,
        purpose: "password-reset",
        passwordHash: user.passwordHash,
        now,
      });
      await enqueueMail(tx, { to: email, ...passwordResetMail(token) });
    }),
  );
}

/** Whether a reset link can still be used (the page says so before asking for a password). */
export async function resetLinkIsUsable(token: string): Promise<boolean> {
  return withDb(async (db) => (await findUsableToken(db, token, "password-reset")) !== null);
}

/**
 * Sets a new password from a reset link, in one transaction: the token is used up, every session
 * of the user is deleted, this browser gets a new one (its anonymous cart merged, as at login), the
 * change is audited and the owner is told by mail.
 */
export async function resetPassword(input: {
  token: string;
  password: string;
}): Promise<{ userId: number; capped: CappedLine[] }> {
  const dead = () => new AppError("BAD_INPUT", RESET_LINK_DEAD, { field: "token" });
  const seen = await withDb((db) => findUsableToken(db, input.token, "password-reset"));
  if (!seen) throw dead();
  const passwordHash = await hashPassword(input.password);
  const capped = await startUserSession(seen.userId, async (tx) => {
    // Again, locked: the other tab that used this link a moment ago wins, this one is refused.
    const found = await findUsableToken(tx, input.token, "password-reset", { lock: true });
    if (!found || found.userId !== seen.userId) throw dead();
    await markTokenUsed(tx, found.tokenHash);
    await replacePassword(tx, {
      user: { id: found.userId, email: found.email },
      passwordHash,
      action: "user.password-reset",
    });
  });
  return { userId: seen.userId, capped };
}
