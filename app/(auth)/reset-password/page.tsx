import type { Metadata } from "next";
import Link from "next/link";
import { MessageForm } from "@/components/message-form";
import { PasswordField } from "@/components/password-field";
import { RESET_LINK_DEAD, resetLinkIsUsable } from "@/lib/auth/recovery";
import { resetPasswordAction } from "../recovery-actions";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const token = (await searchParams).token ?? "";
  const usable = await resetLinkIsUsable(token);
  return (
    <section className="auth-card" aria-labelledby="reset-heading">
      <h1 id="reset-heading">Choose a new password</h1>
      {usable ? (
        <>
          <p className="muted">Setting it signs you out everywhere else and signs you in here.</p>
          <MessageForm
            action={resetPasswordAction}
            submitLabel="Set my new password"
            className="button button-primary button-wide"
          >
            <input type="hidden" name="token" value={token} />
            <PasswordField kind="new" id="password" name="password" label="New password" />
          </MessageForm>
        </>
      ) : (
        <>
          <p role="alert" className="notice notice-error">
            {RESET_LINK_DEAD}
          </p>
          <Link href="/forgot-password" className="button button-primary button-wide">
            Ask for a new link
          </Link>
        </>
      )}
    </section>
  );
}
