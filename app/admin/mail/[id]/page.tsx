import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdmin } from "@/lib/admin/require";
import { getMail } from "@/lib/mail/queries";
import { rowIdFromText } from "@/lib/validation";
import { formatWhen } from "../../_components/format";
import { Panel } from "../../_components/panel";
import { MailStateBadge } from "../mail-state-badge";

type Props = { params: Promise<{ id: string }> };
const idSchema = rowIdFromText("Unknown mail.");

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Mail ${(await params).id}` };
}

export default async function MailDetailPage({ params }: Props) {
  await requireAdmin();
  const id = idSchema.safeParse((await params).id);
  const mail = id.success ? await getMail(id.data) : null;
  if (!mail) notFound();
  return (
    <>
      <Link href="/admin/mail" className="back">
        ← All mail
      </Link>
      <h1 className="break">
        {mail.subject} <MailStateBadge mail={mail} />
      </h1>
      <Panel id="headers" title="Envelope">
        <dl className="mail-headers">
          <dt>To</dt>
          <dd className="break">{mail.to}</dd>
          <dt>Kind</dt>
          <dd>{mail.kind}</dd>
          <dt>Written</dt>
          <dd>{formatWhen(mail.createdAt)}</dd>
          <dt>Message-ID</dt>
          <dd className="break">{mail.messageId}</dd>
          <dt>Attempts</dt>
          <dd>
            {mail.attempts}
            {mail.sentAt && `, sent ${formatWhen(mail.sentAt)}`}
            {mail.state === "waiting" && mail.attempts > 0 && `, next try ${formatWhen(mail.nextAttemptAt)}`}
          </dd>
          {mail.lastError && (
            <>
              <dt>Last error</dt>
              <dd className="break">{mail.lastError}</dd>
            </>
          )}
        </dl>
      </Panel>
      {mail.html === null || mail.text === null ? (
        <Panel id="body" title="Message">
          <p className="empty">
            This mail holds a single-use link for the shopper alone: it is shown only on a shop without a mail
            server (development).
          </p>
        </Panel>
      ) : (
        <>
          <Panel id="html" title="HTML part">
            {/* Sandboxed, no scripts, no same-origin: the mail is shown, never run. */}
            <iframe
              title={`HTML part of: ${mail.subject}`}
              sandbox=""
              srcDoc={mail.html}
              className="mail-frame"
            />
          </Panel>
          <Panel id="text" title="Text part">
            <pre className="mail-text">{mail.text}</pre>
          </Panel>
        </>
      )}
    </>
  );
}
