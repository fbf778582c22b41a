"use client";
import { type ReactNode, useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { ActionForm, SubmitButton } from "./action-form";
import { FormMessage } from "./form-message";

export type MessageState = ActionResult<{ message: string }> | null;

/**
 * A form whose action answers with a sentence: its fields (server-rendered children), the answer
 * under them, one submit button. Works without JavaScript (the action posts as a plain form).
 */
export function MessageForm({
  action,
  submitLabel,
  pendingLabel = "Please wait…",
  children,
  doneHidesForm = false,
  unavailable,
  className = "button button-primary",
}: {
  action: (state: MessageState, formData: FormData) => Promise<MessageState>;
  submitLabel: string;
  /** What the button says while the action runs. */
  pendingLabel?: string;
  children: ReactNode;
  /** After a success, show only the answer (a link that worked once cannot be used again). */
  doneHidesForm?: boolean;
  /**
   * Shown instead of the form when there is nothing left to submit (a link already used), unless
   * this action has just succeeded: without JavaScript the page renders again after the post, and
   * the link it carried is used by then, so the answer must win over "this link is dead".
   */
  unavailable?: ReactNode;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok && doneHidesForm) return <FormMessage state={state} />;
  if (unavailable) return unavailable;
  return (
    <ActionForm action={formAction} pending={pending} state={state} className="stack" noValidate>
      {children}
      <FormMessage state={state} />
      <SubmitButton className={className} pendingLabel={pendingLabel}>
        {submitLabel}
      </SubmitButton>
    </ActionForm>
  );
}
