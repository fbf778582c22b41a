"use client";
import { useActionState } from "react";
import type { AccountActionState } from "@/app/account/actions";
import { FormMessage } from "./form-message";

/** One button posting one server action (with optional hidden fields), and its result beside it. */
export function ActionButton({
  action,
  fields = {},
  label,
  accessibleName,
  className = "button button-secondary",
}: {
  action: (state: AccountActionState, formData: FormData) => Promise<AccountActionState>;
  fields?: Record<string, string | number>;
  label: string;
  accessibleName?: string;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="action-button" aria-busy={pending}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className} aria-label={accessibleName}>
        {label}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
