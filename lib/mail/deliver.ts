import { sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Queryable } from "@/db/client";
import { log } from "../log";

/** What delivery needs of nodemailer: one method, so a test passes a transport to its own sink. */
export type MailTransport = {
  sendMail: (message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
  }) => Promise<unknown>;
};

export function createSmtpTransport(url: string): MailTransport {
  // Bounded waits: a hung mail server must not hold a delivery lease for ever.
  return nodemailer.createTransport(url, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  } as object);
}

export const MAX_ATTEMPTS = 10;
/** How long a claimed mail is held by one deliverer; longer than the transport's own timeouts. */
const LEASE_MS = 2 * 60_000;
const SCRUBBED = "(Removed after delivery: this mail held a single-use link.)";

/** Wait before attempt n+1 after n failed ones: 30 s doubling, at most an hour (about 5 h in all). */
export function retryDelayMs(failedAttempts: number, baseMs = 30_000): number {
  return Math.min(60 * 60_000, baseMs * 2 ** Math.max(0, failedAttempts - 1));
}

export type DeliveryReport = { sent: number; failed: number; gaveUp: number };

type Claimed = {
  id: number;
  message_id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
};

/**
 * Delivers the mails that are due: claims a batch (SKIP LOCKED, so parallel deliverers on several
 * instances never take the same row), sends each, then marks it sent or schedules its retry.
 * At-least-once: a crash between sending and marking resends later with the same Message-ID.
 */
export async function deliverDueMail(
  db: Queryable,
  options: { transport: MailTransport; from: string; now?: Date; batchSize?: number; retryBaseMs?: number },
): Promise<DeliveryReport> {
  const now = options.now ?? new Date();
  // A Date holds milliseconds, PostgreSQL's now() (the enqueue's default) microseconds: a mail
  // enqueued in the same millisecond as `now` is due. Compared as they were, it was not (a pass right
  // after an enqueue found nothing, once in a vitest run on a fast machine).
  const dueBy = new Date(now.getTime() + 1);
  const claimed = await db.execute<Claimed>(sql`
    update mail_outbox set attempts = attempts + 1, locked_until = ${new Date(now.getTime() + LEASE_MS)}
    where id in (
      select id from mail_outbox
      where sent_at is null and failed_at is null and next_attempt_at < ${dueBy}
        and (locked_until is null or locked_until <= ${now})
      order by next_attempt_at, id limit ${options.batchSize ?? 20}
      for update skip locked)
    returning id, message_id, to_address, subject, text_body, html_body, attempts`);
  const report: DeliveryReport = { sent: 0, failed: 0, gaveUp: 0 };
  for (const mail of claimed.rows) {
    try {
      await options.transport.sendMail({
        from: options.from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body,
        messageId: mail.message_id,
      });
    } catch (error) {
      const gaveUp = mail.attempts >= MAX_ATTEMPTS;
      const retryAt = new Date(now.getTime() + retryDelayMs(mail.attempts, options.retryBaseMs));
      await db.execute(sql`update mail_outbox set locked_until = null,
        last_error = ${String((error as Error).message ?? error).slice(0, 500)},
        next_attempt_at = ${retryAt}, failed_at = ${gaveUp ? new Date() : null}
        where id = ${mail.id}`);
      log.warn(gaveUp ? "mail delivery gave up" : "mail delivery failed, will retry", {
        mailId: mail.id,
        attempt: mail.attempts,
        retryAt: gaveUp ? undefined : retryAt.toISOString(),
        error,
      });
      if (gaveUp) report.gaveUp++;
      else report.failed++;
      continue;
    }
    // A secret link is not kept once it has left (the mail server has it; we no longer need to).
    await db.execute(sql`update mail_outbox set sent_at = ${new Date()}, locked_until = null, last_error = null,
      text_body = case when sensitive then ${SCRUBBED} else text_body end,
      html_body = case when sensitive then ${`<p>${SCRUBBED}</p>`} else html_body end
      where id = ${mail.id}`);
    report.sent++;
  }
  return report;
}
