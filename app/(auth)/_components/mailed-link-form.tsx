import type { ReactNode } from "react";
import { MessageForm, type MessageState } from "@/components/message-form";

/**
 * The page a mailed confirmation link opens: a question and one button, never an action on opening
 * (a mail scanner that opens links must not confirm), the token riding along; after a success only
 * the answer; `dead` instead of the form when the link is used or expired.
 */
export function MailedLinkForm({
  title,
  action,
  token,
  submitLabel,
  pendingLabel,
  dead,
  children,
}: {
  title: string;
  action: (state: MessageState, formData: FormData) => Promise<MessageState>;
  token: string;
  submitLabel: string;
  pendingLabel?: string;
  /** Shown when the link can no longer be used (null while it can). */
  dead: ReactNode | null;
  children: ReactNode;
}) {
  return (
    <section className="auth-card" aria-labelledby="confirm-heading">
      <h1 id="confirm-heading">{title}</h1>
      <MessageForm
        action={action}
        submitLabel={submitLabel}
        pendingLabel={pendingLabel}
        doneHidesForm
        className="button button-primary button-wide"
        unavailable={dead ?? undefined}
      >
        <input type="hidden" name="token" value={token} />
        {children}
      </MessageForm>
    </section>
  );
}
