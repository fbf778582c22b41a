import type { MailSummary } from "@/lib/mail/queries";

const LABEL = { sent: "sent", waiting: "waiting", failed: "gave up" } as const;
const CLASS = { sent: "badge-delivered", waiting: "badge-placed", failed: "badge-cancelled" } as const;

export function MailStateBadge({ mail }: { mail: Pick<MailSummary, "state" | "attempts"> }) {
  const tries = mail.state === "waiting" && mail.attempts > 0 ? ` (${mail.attempts} failed)` : "";
  return <span className={`badge ${CLASS[mail.state]}`}>{`${LABEL[mail.state]}${tries}`}</span>;
}
