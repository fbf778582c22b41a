"use client";
import { useActionState } from "react";
import { logoutAction } from "@/app/(auth)/actions";
import { FormMessage } from "./form-message";

export function LogoutButton({ className = "button button-link" }: { className?: string }) {
  const [state, formAction] = useActionState(logoutAction, null);
  return (
    <form action={formAction} className="logout-form">
      <button type="submit" className={className}>
        Log out
      </button>
      {state && !state.ok && <FormMessage state={state} />}
    </form>
  );
}
