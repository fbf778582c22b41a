"use client";
import { useActionState } from "react";
import { payOrderAction } from "@/app/orders/actions";
import { FormMessage } from "@/components/form-message";

/** Sends the shopper to Stripe Checkout for this order (the session is made once and reused). */
export function PayByCardForm({
  orderId,
  token,
  totalLabel,
}: {
  orderId: number;
  token?: string;
  totalLabel: string;
}) {
  const [state, formAction, pending] = useActionState(payOrderAction, null);
  return (
    <form action={formAction} aria-busy={pending} className="stack">
      <input type="hidden" name="orderId" value={orderId} />
      {token && <input type="hidden" name="token" value={token} />}
      <p>Pay securely by card on Stripe's page; you come back here afterwards.</p>
      {state && !state.ok && <FormMessage state={state} />}
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? "Opening the payment page…" : `Pay ${totalLabel} by card`}
      </button>
    </form>
  );
}
