import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/admin/require";
import { listMail, type MailSummary } from "@/lib/mail/queries";
import { mailDeliveryConfigured } from "@/lib/mail/worker";
import { type Column, DataTable } from "../_components/data-table";
import { formatWhen } from "../_components/format";
import { MailStateBadge } from "./mail-state-badge";

export const metadata: Metadata = { title: "Mail" };

const LIMIT = 100;
const COLUMNS: Column<MailSummary>[] = [
  { header: "When", cell: (m) => <span className="muted">{formatWhen(m.createdAt)}</span> },
  {
    header: "Mail",
    cell: (m) => (
      <>
        <Link href={`/admin/mail/${m.id}`}>{m.subject}</Link>
        <div className="muted break">
          to {m.to} · {m.kind}
        </div>
      </>
    ),
  },
  { header: "State", cell: (m) => <MailStateBadge mail={m} /> },
];

export default async function MailPage() {
  await requireAdmin();
  const mails = await listMail(LIMIT);
  return (
    <>
      <h1>Mail</h1>
      <p className="admin-lede">
        {mailDeliveryConfigured()
          ? "Every mail the shop wrote, and whether it has been delivered. Newest first."
          : "No mail server is configured (SMTP_URL), so mails stay here instead of being sent. Open one to read it as the shopper would."}
      </p>
      <section className="panel" aria-label="Mails">
        {mails.length === 0 ? (
          <p className="empty">No mail yet.</p>
        ) : (
          <DataTable columns={COLUMNS} rows={mails} rowKey={(m) => m.id} />
        )}
        {mails.length === LIMIT && <p className="muted">Showing the newest {LIMIT}.</p>}
      </section>
    </>
  );
}
