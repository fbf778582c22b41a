import "server-only";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "../admin/audit";
import { withDb } from "../database";
import { AppError } from "../errors";
import { log } from "../log";
import { enqueueMail } from "../mail/outbox";
import { attachGuestOrders } from "../orders/guest";
import { requireUser } from "../session";
import { deleteUserSessions } from "../session/store";
import { startUserSession } from ".";
import { confirmEmailMail, emailChangeRequestedMail, passwordChangedMail } from "./mails";
import { hashPassword, verifyPassword } from "./password";
import { claimAttempt, releaseAttempt, type ThrottleRule } from "./throttle";
import { findUsableToken, issueUserToken, markTokenUsed } from "./tokens";

export const EMAIL_LINK_DEAD = "This confirmation link has expired or was already used.";

/**
 * The signed-in user's current password, checked: a stolen session alone cannot change the
 * password or the address. Wrong guesses are counted per account (10 per window), like logins.
 */
async function checkCurrentPassword(userId: number, password: string): Promise<string> {
  const rules: ThrottleRule[] = [{ key: `account-password:${userId}`, limit: 10 }];
  const state = await withDb((db) => claimAttempt(db, rules, new Date()));
  if (state.retryAfterSeconds !== null) {
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `Too many wrong passwords. Try again in ${Math.ceil(state.retryAfterSeconds / 60)} minutes.`,
      { retryAfterSeconds: state.retryAfterSeconds },
    );
  }
  if (state.delayMs > 0) await new Promise((r) => setTimeout(r, state.delayMs));
  const [user] = await withDb((db) =>
    db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)),
  );
  if (!user || !(await verifyPassword(password, user.passwordHash))) {
    throw new AppError("BAD_INPUT", "That is not your current password.", { field: "currentPassword" });
  }
  await withDb((db) => releaseAttempt(db, rules, [rules[0]!.key]));
  return user.passwordHash;
}

/**
 * Changes the password: every other session is signed out and this browser continues on a new
 * session (a new token: whoever copied the old cookie is out too). Audited without the password.
 */
export async function changePassword(input: { currentPassword: string; password: string }): Promise<void> {
  const user = await requireUser();
  await checkCurrentPassword(user.userId, input.currentPassword);
  const passwordHash = await hashPassword(input.password);
  await startUserSession(user.userId, (tx) =>
    replacePassword(tx, {
      user: { id: user.userId, email: user.email },
      passwordHash,
      action: "user.password-change",
      keepSessionId: user.id,
    }),
  );
  log.info("password changed", { userId: user.userId });
}

/**
 * A new password, in the caller's transaction: every other session of the user is signed out
 * (all of them after a reset link: `keepSessionId` unset), audited, and the user is told by mail.
 */
export async function replacePassword(
  tx: Queryable,
  change: {
    user: { id: number; email: string };
    passwordHash: string;
    action: "user.password-change" | "user.password-reset";
    keepSessionId?: string;
  },
): Promise<void> {
  const { user, passwordHash, action, keepSessionId } = change;
  await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
  const revoked = await deleteUserSessions(tx, user.id, keepSessionId);
  await recordAudit(tx, {
    actor: `user:${user.id}`,
    action,
    entity: "user",
    entityId: user.id,
    before: null,
    after: { sessionsRevoked: revoked },
  });
  await enqueueMail(tx, { to: user.email, ...passwordChangedMail() });
}

/**
 * Asks to move the account to `newEmail`: a confirmation link goes to the new address, and the
 * old one is told. Nothing changes until the link is followed. Whether the new address is taken
 * is not said here (that would tell a signed-in user who else shops here); the link says so.
 */
export async function requestEmailChange(input: {
  currentPassword: string;
  newEmail: string;
}): Promise<void> {
  const user = await requireUser();
  const passwordHash = await checkCurrentPassword(user.userId, input.currentPassword);
  if (input.newEmail === user.email) {
    throw new AppError("BAD_INPUT", "That is already your email address.", { field: "newEmail" });
  }
  await withDb((db) =>
    db.transaction(async (tx) => {
      const token = await issueUserToken(tx, {
        userId: user.userId,
        purpose: "email-change",
        passwordHash,
        newEmail: input.newEmail,
      });
      await enqueueMail(tx, { to: input.newEmail, ...confirmEmailMail(token) });
      await enqueueMail(tx, { to: user.email, ...emailChangeRequestedMail(input.newEmail) });
      await recordAudit(tx, {
        actor: `user:${user.userId}`,
        action: "user.email-change-requested",
        entity: "user",
        entityId: user.userId,
        before: null,
        after: null,
      });
    }),
  );
  log.info("email change requested", { userId: user.userId });
}

/** Whether a confirmation link can still be used, and for which address (shown before confirming). */
export async function pendingEmailChange(token: string): Promise<string | null> {
  const found = await withDb((db) => findUsableToken(db, token, "email-change"));
  return found?.newEmail ?? null;
}

/** Follows a confirmation link: the account's address becomes the confirmed one. */
export async function confirmEmailChange(token: string): Promise<{ email: string }> {
  return withDb((db) =>
    db.transaction(async (tx) => {
      const found = await findUsableToken(tx, token, "email-change", { lock: true });
      if (!found?.newEmail) throw new AppError("BAD_INPUT", EMAIL_LINK_DEAD, { field: "token" });
      const taken = await tx.select({ id: users.id }).from(users).where(eq(users.email, found.newEmail));
      if (taken.length > 0) {
        throw new AppError("CONFLICT", "Another account already uses that address, so it cannot be moved.");
      }
      // Following the link confirms the new address as registration's link would.
      await tx
        .update(users)
        .set({ email: found.newEmail, emailConfirmedAt: new Date() })
        .where(eq(users.id, found.userId));
      await markTokenUsed(tx, found.tokenHash);
      // A confirmed address: the guest orders placed with it become this account's (decision 033).
      await attachGuestOrders(tx, found.userId, found.newEmail);
      await recordAudit(tx, {
        actor: `user:${found.userId}`,
        action: "user.email-change",
        entity: "user",
        entityId: found.userId,
        before: { email: found.email },
        after: { email: found.newEmail },
      });
      log.info("email changed", { userId: found.userId });
      return { email: found.newEmail };
    }),
  );
}
