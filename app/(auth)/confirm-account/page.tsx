import type { Metadata } from "next";
import Link from "next/link";
import { MessageForm } from "@/components/message-form";
import { CONFIRM_LINK_DEAD, pendingAccountConfirmation } from "@/lib/auth/confirm";
import { confirmAccountAction } from "../recovery-actions";

export const metadata: Metadata = { title: "Confirm your email address", robots: { index: false } };

/** The link mailed at registration. It shows a button: a mail scanner opening links must not confirm. */
export default async function ConfirmAccountPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const token = (await searchParams).token ?? "";
  const email = await pendingAccountConfirmation(token);
  return (
    <section className="auth-card" aria-labelledby="confirm-heading">
      <h1 id="confirm-heading">Confirm your email address</h1>
      <MessageForm
        action={confirmAccountAction}
        submitLabel="Confirm my address"
        pendingLabel="Confirming…"
        doneHidesForm
        className="button button-primary button-wide"
        unavailable={
          email ? undefined : (
            <>
              <p role="alert" className="notice notice-error">
                {CONFIRM_LINK_DEAD}
              </p>
              <p>
                <Link href="/account">Go to your account</Link>
              </p>
            </>
          )
        }
      >
        <input type="hidden" name="token" value={token} />
        <p>
          Is <strong>{email}</strong> your address? Confirming it also adds any order you placed as a guest
          with it to your account.
        </p>
      </MessageForm>
    </section>
  );
}
