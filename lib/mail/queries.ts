import "server-only";
import { desc, eq } from "drizzle-orm";
import { mailOutbox } from "@/db/schema";
import { withDb } from "../database";
import { mailDeliveryConfigured } from "./worker";

export type MailState = "sent" | "waiting" | "failed";
export type MailSummary = {
  id: number;
  kind: string;
  to: string;
  subject: string;
  createdAt: Date;
  state: MailState;
  attempts: number;
  lastError: string | null;
};
export type MailDetail = MailSummary & {
  messageId: string;
  sentAt: Date | null;
  nextAttemptAt: Date;
  /** null: the bodies held a secret link and are not shown (see `bodiesShown`). */
  text: string | null;
  html: string | null;
};

const stateOf = (r: { sentAt: Date | null; failedAt: Date | null }): MailState =>
  r.sentAt ? "sent" : r.failedAt ? "failed" : "waiting";

const summary = {
  id: mailOutbox.id,
  kind: mailOutbox.kind,
  to: mailOutbox.toAddress,
  subject: mailOutbox.subject,
  createdAt: mailOutbox.createdAt,
  sentAt: mailOutbox.sentAt,
  failedAt: mailOutbox.failedAt,
  attempts: mailOutbox.attempts,
  lastError: mailOutbox.lastError,
};

/** The outbox, newest first, for /admin/mail. */
export async function listMail(limit = 100): Promise<MailSummary[]> {
  const rows = await withDb((db) =>
    db.select(summary).from(mailOutbox).orderBy(desc(mailOutbox.id)).limit(limit),
  );
  return rows.map(({ sentAt, failedAt, ...r }) => ({ ...r, state: stateOf({ sentAt, failedAt }) }));
}

/**
 * One mail with its bodies. A mail holding a secret link (password reset, email confirmation) is
 * shown in full only when the shop has no mail server (development): otherwise staff could use
 * a shopper's reset link.
 */
export async function getMail(id: number): Promise<MailDetail | null> {
  const [row] = await withDb((db) =>
    db
      .select({
        ...summary,
        messageId: mailOutbox.messageId,
        nextAttemptAt: mailOutbox.nextAttemptAt,
        sensitive: mailOutbox.sensitive,
        text: mailOutbox.textBody,
        html: mailOutbox.htmlBody,
      })
      .from(mailOutbox)
      .where(eq(mailOutbox.id, id)),
  );
  if (!row) return null;
  const { sensitive, failedAt, ...rest } = row;
  const hidden = sensitive && mailDeliveryConfigured();
  return {
    ...rest,
    state: stateOf({ sentAt: row.sentAt, failedAt }),
    text: hidden ? null : row.text,
    html: hidden ? null : row.html,
  };
}
