"use client";

import { useActionState } from "react";
import type { OrderStatus } from "@/db/schema";
import { ActionNote } from "../../_components/action-note";
import { moveOrderAction } from "../actions";

const LABEL: Record<OrderStatus, string> = {
  placed: "Mark as placed",
  packed: "Mark as packed",
  shipped: "Mark as shipped",
  delivered: "Mark as delivered",
  cancelled: "Cancel order",
};

export function OrderActions({ orderId, moves }: { orderId: number; moves: OrderStatus[] }) {
  const [state, formAction, pending] = useActionState(moveOrderAction, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="orderId" value={orderId} />
      {moves.length > 0 ? (
        <div className="actions">
          {moves.map((to) => (
            <button
              key={to}
              type="submit"
              name="to"
              value={to}
              disabled={pending}
              className={to === "cancelled" ? "btn btn-danger" : "btn"}
            >
              {LABEL[to]}
            </button>
          ))}
        </div>
      ) : (
        <p className="muted form-note">This order is finished; it cannot move any further.</p>
      )}
      <ActionNote
        state={state}
        describe={(d) => `Order #${d.orderId} is now ${d.to}. The shopper has been notified.`}
      />
    </form>
  );
}
