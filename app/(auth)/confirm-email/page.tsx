import type { Metadata } from "next";
import { EMAIL_LINK_DEAD, pendingEmailChange } from "@/lib/auth/account";
import { MailedLinkForm } from "../_components/mailed-link-form";
import { confirmEmailAction } from "../recovery-actions";

export const metadata: Metadata = { title: "Confirm your email address" };

/** The link mailed to the new address when a shopper changes their email. */
export default async function ConfirmEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const token = (await searchParams).token ?? "";
  const newEmail = await pendingEmailChange(token);
  const dead = (
    <p role="alert" className="notice notice-error">
      {EMAIL_LINK_DEAD}
    </p>
  );
  return (
    <MailedLinkForm
      title="Confirm your email address"
      action={confirmEmailAction}
      token={token}
      submitLabel="Confirm"
      dead={newEmail ? null : dead}
    >
      <p>
        Use <strong>{newEmail}</strong> for your account from now on?
      </p>
    </MailedLinkForm>
  );
}
