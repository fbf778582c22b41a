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
import { accountConfirmMail } from "./mails";
import { claimAttempt } from "./throttle";
import { CONFIRM_TOKEN_LIFETIME_MS, findUsableToken, issueUserToken, markTokenUsed } from "./tokens";

/**
 * The address confirmation that registration mails (docs/decisions/033): until its link is
 * followed the account works, but guest orders placed with that address stay out of it, since
 * anyone can register with any address.
 */
export const CONFIRM_LINK_DEAD =
  "This confirmation link has expired or was already used. Sign in and ask for a new one on your account page.";

/** Writes the confirmation link and its mail, in the caller's transaction (the one creating the account). */
export async function mailAccountConfirmation(
  tx: Queryable,
  user: { id: number; email: string; passwordHash: string },
): Promise<void> {
  const token = await issueUserToken(tx, {
    userId: user.id,
    purpose: "email-confirm",
    passwordHash: user.passwordHash,
    newEmail: user.email,
    lifetimeMs: CONFIRM_TOKEN_LIFETIME_MS,
  });
  await enqueueMail(tx, { to: user.email, ...accountConfirmMail(token) });
}

/** The address a confirmation link would confirm, or null if the link is dead (shown before confirming). */
export async function pendingAccountConfirmation(token: string): Promise<string | null> {
  const found = await withDb((db) => findUsableToken(db, token, "email-confirm"));
  return found && found.newEmail === found.email ? found.email : null;
}

/**
 * Follows the link: the address is confirmed and the guest orders placed with it join the account,
 * in one transaction. Works in any browser (the mailbox is the proof, not the session).
 */
export async function confirmAccountEmail(token: string): Promise<{ email: string; attached: number[] }> {
  return withDb((db) =>
    db.transaction(async (tx) => {
      const found = await findUsableToken(tx, token, "email-confirm", { lock: true });
      // A link for an address the account has since left confirms nothing.
      if (!found || found.newEmail !== found.email) {
        throw new AppError("BAD_INPUT", CONFIRM_LINK_DEAD, { field: "token" });
      }
      await tx.update(users).set({ emailConfirmedAt: new Date() }).where(eq(users.id, found.userId));
      await markTokenUsed(tx, found.tokenHash);
      const attached = await attachGuestOrders(tx, found.userId, found.email);
      await recordAudit(tx, {
        actor: `user:${found.userId}`,
        action: "user.email-confirm",
        entity: "user",
        entityId: found.userId,
        before: null,
        after: { guestOrdersAttached: attached },
      });
      log.info("email confirmed", { userId: found.userId, guestOrdersAttached: attached.length });
      return { email: found.email, attached };
    }),
  );
}

/** When the signed-in account's address was confirmed (null: not yet). */
export async function emailConfirmedAt(userId: number): Promise<Date | null> {
  const [row] = await withDb((db) =>
    db.select({ at: users.emailConfirmedAt }).from(users).where(eq(users.id, userId)),
  );
  return row?.at ?? null;
}

/** "Send the link again" on /account: a new link by mail, at most 3 per 15 minutes per account. */
export async function resendAccountConfirmation(): Promise<{ email: string }> {
  const user = await requireUser();
  const state = await withDb((db) =>
    claimAttempt(db, [{ key: `confirm-mail:${user.userId}`, limit: 3, slowAfter: 3 }], new Date()),
  );
  if (state.retryAfterSeconds !== null) {
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `We sent several links already. Try again in ${Math.ceil(state.retryAfterSeconds / 60)} minutes.`,
      { retryAfterSeconds: state.retryAfterSeconds },
    );
  }
  await withDb((db) =>
    db.transaction(async (tx) => {
      const [row] = await tx
        .select({ email: users.email, passwordHash: users.passwordHash, confirmedAt: users.emailConfirmedAt })
        .from(users)
        .where(eq(users.id, user.userId));
      if (!row) throw new AppError("NOT_FOUND", "Your account was not found.");
      if (row.confirmedAt) throw new AppError("CONFLICT", "Your email address is already confirmed.");
      await mailAccountConfirmation(tx, {
        id: user.userId,
        email: row.email,
        passwordHash: row.passwordHash,
      });
    }),
  );
  return { email: user.email };
}
