import { waitUntil } from "@vercel/functions";
import { sql } from "drizzle-orm";
import { withDb } from "../database";
import { env } from "../env";
import { log } from "../log";
import { createSmtpTransport, type DeliveryReport, deliverDueMail, type MailTransport } from "./deliver";

let mailer: { transport: MailTransport; from: string } | null | undefined;

/** The configured SMTP transport, or null when SMTP_URL is unset (development: mail stays in the outbox). */
function configuredMailer(): { transport: MailTransport; from: string } | null {
  if (mailer !== undefined) return mailer;
  const e = env();
  mailer = e.SMTP_URL
    ? { transport: createSmtpTransport(e.SMTP_URL), from: e.MAIL_FROM ?? `Keepcart <shop@localhost>` }
    : null;
  return mailer;
}

export function mailDeliveryConfigured(): boolean {
  return configuredMailer() !== null;
}

let running: Promise<DeliveryReport | null> | undefined;
let again = false;

/**
 * One delivery pass of this process (passes never overlap here; other instances are kept apart by
 * SKIP LOCKED). A call during a pass asks for one more pass after it, so nothing due is left behind.
 */
export function deliverPendingMail(): Promise<DeliveryReport | null> {
  const m = configuredMailer();
  if (!m) return Promise.resolve(null);
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    const total: DeliveryReport = { sent: 0, failed: 0, gaveUp: 0 };
    do {
      again = false;
      const r = await withDb((db) => deliverDueMail(db, m));
      total.sent += r.sent;
      total.failed += r.failed;
      total.gaveUp += r.gaveUp;
      if (r.sent + r.failed + r.gaveUp >= 20) again = true; // a full batch: there may be more
    } while (again);
    return total;
  })().finally(() => {
    running = undefined;
  });
  return running;
}

/**
 * Called by enqueueMail, inside the caller's transaction: waits until the row is visible (the
 * transaction committed; it never appears if it rolled back), then delivers. On Vercel `waitUntil`
 * keeps the function alive for it after the response; elsewhere it simply runs in the background.
 */
export function deliverSoon(id: number): void {
  if (!configuredMailer()) return;
  const work = (async () => {
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setTimeout(r, Math.min(100 + i * 50, 500)));
      const found = await withDb((db) => db.execute(sql`select 1 from mail_outbox where id = ${id}`));
      if (found.rows.length > 0) {
        await deliverPendingMail();
        return;
      }
    }
  })().catch((error) => log.warn("mail delivery after commit failed; the worker or cron retries", { error }));
  waitUntil(work);
}

let timer: NodeJS.Timeout | undefined;

/** The long-running server's deliverer: a pass now (mail left by a previous run), then every interval. */
export function startMailWorker(intervalSeconds: number): void {
  if (!configuredMailer()) {
    log.info("SMTP_URL is unset: mails stay in the outbox; read them at /admin/mail");
    return;
  }
  const pass = () =>
    void deliverPendingMail().catch((error) => log.warn("mail delivery pass failed", { error }));
  pass();
  timer = setInterval(pass, intervalSeconds * 1000);
  timer.unref();
}

export function stopMailWorker(): void {
  clearInterval(timer);
}
