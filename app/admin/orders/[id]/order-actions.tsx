"use client";

import { useActionState } from "react";
import { ActionForm, SubmitButton } from "@/components/action-form";
import type { OrderStatus } from "@/lib/orders/status";
import { ActionNote } from "../../_components/action-note";
import { moveOrderAction } from "../actions";

const LABEL: Record<OrderStatus, string> = {
  placed: "Mark as placed",
  packed: "Mark as packed",
  shipped: "Mark as shipped",
  delivered: "Mark as delivered",
  cancelled: "Cancel order",
};
const PENDING: Record<OrderStatus, string> = {
  placed: "Marking as placed…",
  packed: "Marking as packed…",
  shipped: "Marking as shipped…",
  delivered: "Marking as delivered…",
  cancelled: "Cancelling…",
};

export function OrderActions({ orderId, moves }: { orderId: number; moves: OrderStatus[] }) {
  const [state, formAction, pending] = useActionState(moveOrderAction, null);
  return (
    <ActionForm action={formAction} pending={pending} reset={false}>
      <input type="hidden" name="orderId" value={orderId} />
      {moves.length > 0 ? (
        <div className="actions">
          {moves.map((to) => (
            <SubmitButton
              key={to}
              name="to"
              value={to}
              className={to === "cancelled" ? "btn btn-danger" : "btn"}
              pendingLabel={PENDING[to]}
            >
              {LABEL[to]}
            </SubmitButton>
          ))}
        </div>
      ) : (
        <p className="muted form-note">This order is finished; it cannot move any further.</p>
      )}
      <ActionNote
        state={state}
        describe={(d) => `Order #${d.orderId} is now ${d.to}. The shopper has been notified.`}
      />
    </ActionForm>
  );
}
