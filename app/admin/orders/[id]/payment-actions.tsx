"use client";

import { useActionState } from "react";
import type { PaymentProviderName, PaymentStatus } from "@/lib/payment";
import { ActionNote } from "../../_components/action-note";
import { paymentAction } from "../actions";

/**
 * Mark a manual payment as received, or refund a paid order in full. A card payment is marked paid
 * by Stripe only; its refund goes through Stripe.
 */
export function PaymentActions({
  orderId,
  provider,
  status,
}: {
  orderId: number;
  provider: PaymentProviderName;
  status: PaymentStatus;
}) {
  const [state, formAction, pending] = useActionState(paymentAction, null);
  const canMarkPaid = provider === "manual" && status === "awaiting";
  const canRefund = status === "paid";
  return (
    <form action={formAction}>
      <input type="hidden" name="orderId" value={orderId} />
      {canMarkPaid || canRefund ? (
        <div className="actions">
          {canMarkPaid && (
            <button type="submit" name="action" value="mark-paid" disabled={pending} className="btn">
              Mark as paid
            </button>
          )}
          {canRefund && (
            <button type="submit" name="action" value="refund" disabled={pending} className="btn btn-danger">
              {provider === "stripe" ? "Refund in full through Stripe" : "Record a full refund"}
            </button>
          )}
        </div>
      ) : (
        <p className="muted form-note">
          {status === "awaiting"
            ? "Stripe marks this order paid when the card payment succeeds."
            : "Nothing to do: this payment is settled."}
        </p>
      )}
      <ActionNote
        state={state}
        describe={(d) =>
          d.action === "refund"
            ? `Order #${d.orderId} is refunded in full.`
            : `Order #${d.orderId} is marked paid. The shopper has been notified.`
        }
      />
    </form>
  );
}
