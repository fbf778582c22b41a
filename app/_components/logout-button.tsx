"use client";
import { useActionState } from "react";
import { logoutAction } from "@/app/(auth)/actions";
import { ActionForm, SubmitButton } from "@/components/action-form";
import { FormMessage } from "@/components/form-message";

export function LogoutButton({ className = "button button-link" }: { className?: string }) {
  const [state, formAction, pending] = useActionState(logoutAction, null);
  return (
    <ActionForm action={formAction} pending={pending} className="logout-form">
      <SubmitButton className={className} pendingLabel="Logging out…">
        Log out
      </SubmitButton>
      {state && !state.ok && <FormMessage state={state} />}
    </ActionForm>
  );
}
