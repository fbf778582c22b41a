"use client";
import { useActionState } from "react";
import type { ActionResult } from "@/lib/action-result";
import { ActionForm, SubmitButton } from "./action-form";
import { FormMessage } from "./form-message";

type MessageState = ActionResult<{ message: string }> | null;

/** One button posting one server action (with optional hidden fields), and its result beside it. */
export function ActionButton<S extends MessageState>({
  action,
  fields = {},
  label,
  pendingLabel,
  accessibleName,
  className = "button button-secondary",
}: {
  action: (state: S | null, formData: FormData) => Promise<S | null>;
  fields?: Record<string, string | number>;
  label: string;
  pendingLabel: string;
  accessibleName?: string;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <ActionForm action={formAction} pending={pending} className="action-button">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton className={className} aria-label={accessibleName} pendingLabel={pendingLabel}>
        {label}
      </SubmitButton>
      <FormMessage state={state} />
    </ActionForm>
  );
}
