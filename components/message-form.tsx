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
  className = "button button-primary",
}: {
  action: (state: MessageState, formData: FormData) => Promise<MessageState>;
  submitLabel: string;
  /** What the button says while the action runs. */
  pendingLabel?: string;
  children: ReactNode;
  /** After a success, show only the answer (a link that worked once cannot be used again). */
  doneHidesForm?: boolean;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok && doneHidesForm) return <FormMessage state={state} />;
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
