import type { Metadata } from "next";
import Link from "next/link";
import { CONFIRM_LINK_DEAD, pendingAccountConfirmation } from "@/lib/auth/confirm";
import { MailedLinkForm } from "../_components/mailed-link-form";
import { confirmAccountAction } from "../recovery-actions";

export const metadata: Metadata = { title: "Confirm your email address", robots: { index: false } };

/** The link mailed at registration. */
export default async function ConfirmAccountPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const token = (await searchParams).token ?? "";
  const email = await pendingAccountConfirmation(token);
  const dead = (
    <>
      <p role="alert" className="notice notice-error">
        {CONFIRM_LINK_DEAD}
      </p>
      <p>
        <Link href="/account">Go to your account</Link>
      </p>
    </>
  );
  return (
    <MailedLinkForm
      title="Confirm your email address"
      action={confirmAccountAction}
      token={token}
      submitLabel="Confirm my address"
      pendingLabel="Confirming…"
      dead={email ? null : dead}
    >
      <p>
        Is <strong>{email}</strong> your address? Confirming it also adds any order you placed as a guest with
        it to your account.
      </p>
    </MailedLinkForm>
  );
}
