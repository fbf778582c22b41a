import { sql } from "drizzle-orm";
import { getDb } from "@/lib/database";

export type OutboxMail = { id: number; kind: string; subject: string; text: string; html: string };

/**
 * The mails waiting in (or sent from) the outbox for `to`, oldest first. The address confirmation
 * that every registration writes (lib/auth/confirm.ts) is left out unless `withConfirmation`.
 */
export async function outboxMailsTo(
  to: string,
  { withConfirmation = false }: { withConfirmation?: boolean } = {},
): Promise<OutboxMail[]> {
  const db = await getDb();
  const result = await db.execute<OutboxMail>(sql`
    select id, kind, subject, text_body as text, html_body as html from mail_outbox
    where to_address = ${to} and (${withConfirmation} or kind <> 'account-confirm') order by id`);
  return result.rows;
}
