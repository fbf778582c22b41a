import type { Metadata } from "next";
import { MessageForm } from "@/components/message-form";
import { EMAIL_LINK_DEAD, pendingEmailChange } from "@/lib/auth/account";
import { confirmEmailAction } from "../recovery-actions";

export const metadata: Metadata = { title: "Confirm your email address" };

/** The link only shows a button: a mail scanner that opens links must not confirm on its own. */
export default async function ConfirmEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const token = (await searchParams).token ?? "";
  const newEmail = await pendingEmailChange(token);
  return (
    <section className="auth-card" aria-labelledby="confirm-heading">
      <h1 id="confirm-heading">Confirm your email address</h1>
      <MessageForm
        action={confirmEmailAction}
        submitLabel="Confirm"
        doneHidesForm
        className="button button-primary button-wide"
        unavailable={
          newEmail ? undefined : (
            <p role="alert" className="notice notice-error">
              {EMAIL_LINK_DEAD}
            </p>
          )
        }
      >
        <input type="hidden" name="token" value={token} />
        <p>
          Use <strong>{newEmail}</strong> for your account from now on?
        </p>
      </MessageForm>
    </section>
  );
}
