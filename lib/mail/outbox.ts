import { randomUUID } from "node:crypto";
import type { Queryable } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { env } from "../env";
import { deliverSoon } from "./worker";

export type OutgoingMail = {
  to: string;
  /** What the mail is about, for the admin list and the log: "order-placed", "password-reset"… */
  kind: string;
  subject: string;
  text: string;
  html: string;
  /** Holds a secret link: its bodies are blanked once delivered (docs/decisions/026). */
  sensitive?: boolean;
};

/**
 * Puts a mail in the outbox inside the caller's transaction: it is delivered if and only if that
 * transaction commits, at least once, with the same Message-ID on every attempt. Returns its id.
 */
export async function enqueueMail(executor: Queryable, mail: OutgoingMail): Promise<number> {
  const [row] = await executor
    .insert(mailOutbox)
    .values({
      messageId: `<${randomUUID()}@${messageIdDomain()}>`,
      kind: mail.kind,
      toAddress: mail.to,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
      sensitive: mail.sensitive ?? false,
    })
    .returning({ id: mailOutbox.id });
  deliverSoon(row!.id);
  return row!.id;
}

function messageIdDomain(): string {
  return new URL(env().publicBaseUrl).hostname;
}
